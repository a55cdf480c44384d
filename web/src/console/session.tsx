import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { SessionBody } from '../../../contracts/auth.ts';
import { ApiError, call, setCsrfToken, setUnauthorizedHandler } from '../api.ts';

type SessionState = {
  /** undefined while the first /auth/session request runs; null when logged out. */
  session: SessionBody | null | undefined;
  /** Set after a request found the session gone, so the login page can say why. */
  expired: boolean;
  setSession(s: SessionBody | null): void;
  logout(): Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionBody | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  const setSession = useCallback((s: SessionBody | null) => {
    setCsrfToken(s?.csrfToken ?? '');
    setSessionState(s);
    if (s) setExpired(false);
  }, []);

  useEffect(() => {
    let live = true;
    call('GET /api/auth/session')
      .then((s) => live && setSession(s))
      .catch(() => live && setSession(null));
    return () => {
      live = false;
    };
  }, [setSession]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setSessionState((prev) => {
        if (prev) setExpired(true);
        return null;
      });
      setCsrfToken('');
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await call('POST /api/auth/logout');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setExpired(false);
    setSession(null);
  }, [setSession]);

  const value = useMemo(
    () => ({ session, expired, setSession, logout }),
    [session, expired, setSession, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in account; only for components rendered behind the full-stage gate. */
export function useAccount(): SessionBody['account'] {
  const { session } = useSession();
  if (!session) throw new Error('useAccount without a session');
  return session.account;
}
