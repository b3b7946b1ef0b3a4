-- The notifier tells, every few minutes, the campaign posts of the last two days whose event a
-- refresh did not record (cut short between storing a post and telling it): it reads them by
-- when they were detected.
create index campaign_posts_detected on campaign_posts (detected_at) where status = 'detected';
