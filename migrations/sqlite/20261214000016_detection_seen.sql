-- Post detection matches only what changed. A creator keeps what its last refresh checked: a
-- signature of its campaign entries, then each fetched video's id with a checksum of its caption
-- and hashtags; the next refresh matches only new or edited videos, unless the signature changed
-- (null until a refresh of a creator in a campaign). An entry's version moves with each stage
-- move or shipment, so the signature changes when a ship date or an exit does.
alter table creators add column detection_seen text;
alter table campaign_creators add column detection_version integer not null default 0;
