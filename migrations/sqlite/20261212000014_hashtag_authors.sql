-- What a hashtag pull said of each author's followers ({"handle": count}), so the explorer's
-- creator view shows a count for creators never fetched themselves. Null for pulls made before,
-- and for sources whose hashtag answers carry no author counts.
alter table hashtag_pulls add column author_followers text;
