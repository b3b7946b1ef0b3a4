-- What an estimated audience was read from and how sure it is: the sample (comments, commenters,
-- videos, what was skipped) and each share's 95% Wilson interval, as the estimator gave them.
alter table audience_profiles add column estimate jsonb;
