-- A studio's public telephone (hotline): printed on its poster and shown on its public page,
-- so a citizen who cannot type a concern can call. Optional; the studio's staff set it.
alter table studios add column hotline text;
