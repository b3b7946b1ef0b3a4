-- A claim takes the due creators whatever their status (an account found gone is checked again
-- weekly), so the index of when creators are due covers them all; it held only active ones, and
-- no claim could use it.
drop index creators_due;
create index creators_due on creators (next_fetch_at);
