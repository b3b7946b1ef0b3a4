//! TikTok's own JSON, as the paid providers pass it through: the web profile (`user`, rounded
//! `stats`, exact `statsV2` strings), web item structs (camel case, `stats`/`statsV2`), and the
//! app's snake-case shapes (`aweme` items with `statistics` and millisecond durations, user
//! entries with `url_list` avatars, comment pages). TikAPI and ScrapeCreators each read their own
//! envelope and hand the TikTok payload to the readers here, so both parse it the same way.

use crate::wire::{self, Count, Cursor, Flag, Id, is_set};
use crate::{Profile, SourceError, UserMatch, Video, VideoComment};
use chrono::Utc;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;

// ---- Profiles (web `userInfo`) ---------------------------------------------------------------

/// The web profile payload: TikTok's `webapp.user-detail` `userInfo`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WebProfile {
    user: Option<WebUser>,
    stats: Option<WebUserStats>,
    stats_v2: Option<WebUserStats>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebUser {
    id: Option<Id>,
    unique_id: Option<String>,
    nickname: Option<String>,
    avatar_larger: Option<String>,
    avatar_medium: Option<String>,
    avatar_thumb: Option<String>,
    signature: Option<String>,
    verified: Option<Flag>,
    sec_uid: Option<String>,
    private_account: Option<Flag>,
    /// TikTok's older name for a private account.
    secret: Option<Flag>,
    region: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebUserStats {
    follower_count: Option<Count>,
    following_count: Option<Count>,
    heart_count: Option<Count>,
    heart: Option<Count>,
    video_count: Option<Count>,
}

/// A profile from the web payload, preferring exact `statsV2` over rounded `stats` count by count.
/// `what` names the answer in error messages; `requested` is the handle asked for.
pub(crate) fn profile(info: WebProfile, requested: &str, what: &str) -> Result<Profile, SourceError> {
    let user = info.user.ok_or_else(|| SourceError::BadPayload(format!("{what}: no user")))?;
    let id = user.id.as_ref().ok_or_else(|| SourceError::BadPayload(format!("{what}: no user id")))?;
    let platform_user_id = id.get("user.id")?.to_string();
    let exact = info.stats_v2.as_ref();
    let rounded = info.stats.as_ref();
    let mut any_rounded = false;
    let mut pick = |name: &str, read: &dyn Fn(&WebUserStats) -> Option<&Count>| -> Result<i64, SourceError> {
        if let Some(count) = exact.and_then(read) {
            return count.get(&format!("statsV2.{name}"));
        }
        if let Some(count) = rounded.and_then(read) {
            any_rounded = true;
            return count.get(&format!("stats.{name}"));
        }
        Err(SourceError::BadPayload(format!("{what}: no {name}")))
    };
    let followers = pick("followerCount", &|s| s.follower_count.as_ref())?;
    let following = pick("followingCount", &|s| s.following_count.as_ref())?;
    // `heartCount` before `heart`: `heart` is the field seen overflowing to a negative 32-bit value.
    let likes = pick("heartCount", &|s| s.heart_count.as_ref().or(s.heart.as_ref()))?;
    let videos = pick("videoCount", &|s| s.video_count.as_ref())?;
    let handle = user
        .unique_id
        .as_deref()
        .map(wire::canonical_handle)
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| requested.to_string());
    Ok(Profile {
        platform_user_id,
        handle,
        sec_uid: user.sec_uid.filter(|s| !s.is_empty()),
        display_name: wire::text(user.nickname),
        avatar_url: user.avatar_larger.or(user.avatar_medium).or(user.avatar_thumb).filter(|s| !s.is_empty()),
        bio: wire::text(user.signature),
        verified: is_set(user.verified),
        region: user.region.filter(|s| !s.is_empty()),
        private: is_set(user.private_account) || is_set(user.secret),
        followers,
        following,
        likes,
        videos,
        counts_may_be_rounded: any_rounded,
        fetched_at: Utc::now(),
    })
}

// ---- TikTok's status codes -------------------------------------------------------------------

/// What a TikTok `statusCode` passed through by a provider says about the creator or hashtag
/// (reference §6.2); `None` for codes that say nothing specific.
pub(crate) fn status_code_condition(code: i64, message: &str) -> Option<SourceError> {
    match code {
        10201 | 10202 => Some(SourceError::NotFound),
        10221 => Some(SourceError::Banned),
        10222 => Some(SourceError::Private),
        10205 => Some(SourceError::NotFound),
        10209 | 10211 | 10212 => Some(SourceError::Rejected(format!("hashtag unavailable ({code}) {message}"))),
        _ => None,
    }
}

// ---- Videos, shared --------------------------------------------------------------------------

/// Who a video belongs to when the item itself does not say (posts are the creator's own).
pub(crate) struct AuthorFallback {
    pub handle: String,
    pub display_name: Option<String>,
}

/// Adds a page's items to `out`, skipping duplicates and entries that are not measurable videos
/// (no id, time, author or stats: ads and cards sit in feeds too). A page whose every entry is
/// unusable is refused, so a changed shape cannot pass for "no videos".
pub(crate) fn collect_videos<T>(
    items: Option<Vec<Option<T>>>,
    convert: impl Fn(T) -> Result<Option<Video>, SourceError>,
    seen: &mut HashSet<String>,
    out: &mut Vec<Video>,
) -> Result<(), SourceError> {
    let items: Vec<T> = items.unwrap_or_default().into_iter().flatten().collect();
    let total = items.len();
    let mut usable = 0;
    for item in items {
        if let Some(video) = convert(item)? {
            usable += 1;
            if seen.insert(video.platform_id.clone()) {
                out.push(video);
            }
        }
    }
    if total > 0 && usable == 0 {
        return Err(SourceError::BadPayload(format!("none of the {total} items on the page is a usable video")));
    }
    Ok(())
}

// ---- Web item structs ------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WebItem {
    id: Option<Id>,
    desc: Option<String>,
    create_time: Option<Count>,
    video: Option<WebVideoInfo>,
    author: Option<WebUser>,
    challenges: Option<Vec<Option<WebChallenge>>>,
    text_extra: Option<Vec<Option<WebTextExtra>>>,
    stats: Option<WebItemStats>,
    stats_v2: Option<WebItemStats>,
    author_stats: Option<WebUserStats>,
    author_stats_v2: Option<WebUserStats>,
    location_created: Option<String>,
    /// Some answers wrap each item as `{ "itemStruct": { … } }`.
    item_struct: Option<Box<WebItem>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebVideoInfo {
    id: Option<Id>,
    /// Seconds.
    duration: Option<Count>,
    cover: Option<String>,
    origin_cover: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct WebChallenge {
    pub id: Option<Id>,
    pub title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebTextExtra {
    hashtag_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebItemStats {
    play_count: Option<Count>,
    digg_count: Option<Count>,
    comment_count: Option<Count>,
    share_count: Option<Count>,
    /// Saves. (A `saveCount` field does not exist; reference §2.4.)
    collect_count: Option<Count>,
}

/// A web item struct as a [`Video`]; `None` for entries that are not measurable videos.
pub(crate) fn web_item_video(item: WebItem, fallback: Option<&AuthorFallback>) -> Result<Option<Video>, SourceError> {
    let item = match item.item_struct {
        Some(inner) => *inner,
        None => item,
    };
    let Some(id) = item.id.as_ref().or(item.video.as_ref().and_then(|v| v.id.as_ref())) else {
        return Ok(None);
    };
    let platform_id = id.get("item id")?.to_string();
    let Some(created) = item.create_time.as_ref() else { return Ok(None) };
    let Some(posted_at) = wire::unix_seconds(created.get("createTime")?) else {
        return Err(SourceError::BadPayload(format!("createTime out of range for item {platform_id}")));
    };
    let author_handle = item
        .author
        .as_ref()
        .and_then(|a| a.unique_id.as_deref())
        .map(wire::canonical_handle)
        .filter(|h| !h.is_empty())
        .or_else(|| fallback.map(|f| f.handle.clone()));
    let Some(author_handle) = author_handle else { return Ok(None) };

    let exact = item.stats_v2.as_ref();
    let rounded = item.stats.as_ref();
    let read = |name: &str, get: &dyn Fn(&WebItemStats) -> Option<&Count>| -> Result<Option<i64>, SourceError> {
        match (exact.and_then(get), rounded.and_then(get)) {
            (Some(c), _) => c.get(&format!("statsV2.{name}")).map(Some),
            (None, Some(c)) => c.get(&format!("stats.{name}")).map(Some),
            (None, None) => Ok(None),
        }
    };
    let views = read("playCount", &|s| s.play_count.as_ref())?;
    let likes = read("diggCount", &|s| s.digg_count.as_ref())?;
    let comments = read("commentCount", &|s| s.comment_count.as_ref())?;
    let shares = read("shareCount", &|s| s.share_count.as_ref())?;
    let saves = read("collectCount", &|s| s.collect_count.as_ref())?;
    let (Some(views), Some(likes), Some(comments), Some(shares)) = (views, likes, comments, shares) else {
        return Ok(None);
    };

    let challenge_titles = item.challenges.iter().flatten().flatten().filter_map(|c| c.title.as_deref());
    let text_tags = item.text_extra.iter().flatten().flatten().filter_map(|t| t.hashtag_name.as_deref());
    let hashtags = wire::video_hashtags(challenge_titles.chain(text_tags), item.desc.as_deref().unwrap_or_default());

    let duration_seconds = match item.video.as_ref().and_then(|v| v.duration.as_ref()) {
        Some(d) => i32::try_from(d.get("video.duration")?).ok(),
        None => None,
    };
    let cover_url =
        item.video.as_ref().and_then(|v| v.cover.clone().or(v.origin_cover.clone())).filter(|s| !s.is_empty());
    let author = item.author.as_ref();
    let author_display_name = author
        .and_then(|a| a.nickname.clone())
        .or_else(|| fallback.filter(|f| f.handle == author_handle).and_then(|f| f.display_name.clone()));
    let author_avatar_url = author
        .and_then(|a| a.avatar_thumb.clone().or(a.avatar_medium.clone()).or(a.avatar_larger.clone()))
        .filter(|s| !s.is_empty());

    // The author's count is extra to the video: one that does not read is left out, not an error.
    let author_followers = [&item.author_stats_v2, &item.author_stats]
        .into_iter()
        .find_map(|stats| stats.as_ref().and_then(|s| s.follower_count.as_ref()))
        .and_then(|count| count.get("authorStats.followerCount").ok());

    Ok(Some(Video {
        share_url: wire::share_url(&author_handle, &platform_id),
        platform_id,
        author_handle,
        author_display_name: wire::text(author_display_name),
        author_avatar_url,
        author_followers,
        posted_at,
        description: wire::text(item.desc).unwrap_or_default(),
        hashtags,
        duration_seconds,
        cover_url,
        region: item.location_created.filter(|s| !s.is_empty()),
        views,
        likes,
        comments,
        shares,
        saves,
    }))
}

// ---- App shapes (snake case) -----------------------------------------------------------------

/// A user as TikTok's app API sends it: in search entries (`user_info`), as an `aweme` author and
/// as a commenter. Every field is optional; what an entry lacks decides whether it is usable.
#[derive(Deserialize)]
pub(crate) struct AppUser {
    uid: Option<Id>,
    unique_id: Option<String>,
    nickname: Option<String>,
    region: Option<String>,
    follower_count: Option<Count>,
    avatar_thumb: Option<Value>,
    avatar_medium: Option<Value>,
    avatar_larger: Option<Value>,
    verified: Option<Flag>,
    custom_verify: Option<String>,
    enterprise_verify_reason: Option<String>,
}

impl AppUser {
    /// The canonical handle, when the entry has one.
    pub(crate) fn handle(&self) -> Option<String> {
        self.unique_id.as_deref().map(wire::canonical_handle).filter(|h| !h.is_empty())
    }

    fn small_avatar(&self) -> Option<String> {
        [&self.avatar_thumb, &self.avatar_medium, &self.avatar_larger].into_iter().flatten().find_map(first_url)
    }

    fn verified(&self) -> bool {
        let has_text = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        is_set(self.verified) || has_text(&self.custom_verify) || has_text(&self.enterprise_verify_reason)
    }
}

/// A search entry's user as a [`UserMatch`]; `None` when it has no handle.
pub(crate) fn user_match(user: Option<AppUser>) -> Result<Option<UserMatch>, SourceError> {
    let Some(user) = user else { return Ok(None) };
    let Some(handle) = user.handle() else { return Ok(None) };
    let followers = match &user.follower_count {
        Some(count) => Some(count.get("follower_count")?),
        None => None,
    };
    Ok(Some(UserMatch {
        handle,
        avatar_url: user.small_avatar(),
        verified: user.verified(),
        display_name: wire::text(user.nickname),
        followers,
    }))
}

/// An image sent either as a URL or as TikTok's `{ "url_list": [...] }`.
fn first_url(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Object(map) => map
            .get("url_list")
            .and_then(Value::as_array)
            .and_then(|urls| urls.iter().find_map(|u| u.as_str().filter(|s| !s.is_empty())))
            .map(str::to_string),
        _ => None,
    }
}

/// One video in TikTok's app shape (an `aweme_list` entry).
#[derive(Deserialize)]
pub(crate) struct Aweme {
    aweme_id: Option<Id>,
    desc: Option<String>,
    create_time: Option<Count>,
    author: Option<AppUser>,
    statistics: Option<AwemeStats>,
    video: Option<AwemeVideo>,
    text_extra: Option<Vec<Option<AppTextExtra>>>,
    cha_list: Option<Vec<Option<AppChallenge>>>,
    region: Option<String>,
}

#[derive(Deserialize)]
struct AwemeStats {
    play_count: Option<Count>,
    digg_count: Option<Count>,
    comment_count: Option<Count>,
    share_count: Option<Count>,
    collect_count: Option<Count>,
}

#[derive(Deserialize)]
struct AwemeVideo {
    /// Milliseconds, unlike the web item's seconds.
    duration: Option<Count>,
    cover: Option<Value>,
    origin_cover: Option<Value>,
}

#[derive(Deserialize)]
struct AppTextExtra {
    hashtag_name: Option<String>,
}

#[derive(Deserialize)]
struct AppChallenge {
    cha_name: Option<String>,
}

/// An `aweme` as a [`Video`]; `None` for entries that are not measurable videos.
pub(crate) fn aweme_video(item: Aweme, fallback: Option<&AuthorFallback>) -> Result<Option<Video>, SourceError> {
    let Some(id) = item.aweme_id.as_ref() else { return Ok(None) };
    let platform_id = id.get("aweme_id")?.to_string();
    let Some(created) = item.create_time.as_ref() else { return Ok(None) };
    let Some(posted_at) = wire::unix_seconds(created.get("create_time")?) else {
        return Err(SourceError::BadPayload(format!("create_time out of range for aweme {platform_id}")));
    };
    let author = item.author.as_ref();
    let Some(author_handle) = author.and_then(AppUser::handle).or_else(|| fallback.map(|f| f.handle.clone())) else {
        return Ok(None);
    };
    let Some(stats) = item.statistics.as_ref() else { return Ok(None) };
    let read = |name: &str, count: &Option<Count>| -> Result<Option<i64>, SourceError> {
        count.as_ref().map(|c| c.get(&format!("statistics.{name}"))).transpose()
    };
    let views = read("play_count", &stats.play_count)?;
    let likes = read("digg_count", &stats.digg_count)?;
    let comments = read("comment_count", &stats.comment_count)?;
    let shares = read("share_count", &stats.share_count)?;
    let saves = read("collect_count", &stats.collect_count)?;
    let (Some(views), Some(likes), Some(comments), Some(shares)) = (views, likes, comments, shares) else {
        return Ok(None);
    };

    // Structured tags first, then any `#tag` in the caption (some answers leave `text_extra` empty).
    let challenge_names = item.cha_list.iter().flatten().flatten().filter_map(|c| c.cha_name.as_deref());
    let text_tags = item.text_extra.iter().flatten().flatten().filter_map(|t| t.hashtag_name.as_deref());
    let hashtags = wire::video_hashtags(challenge_names.chain(text_tags), item.desc.as_deref().unwrap_or_default());

    let duration_seconds = match item.video.as_ref().and_then(|v| v.duration.as_ref()) {
        Some(ms) => i32::try_from(wire::millis_to_seconds(ms.get("video.duration")?)).ok(),
        None => None,
    };
    let cover_url =
        item.video.as_ref().and_then(|v| [&v.cover, &v.origin_cover].into_iter().flatten().find_map(first_url));
    let author_display_name = author
        .and_then(|a| a.nickname.clone())
        .or_else(|| fallback.filter(|f| f.handle == author_handle).and_then(|f| f.display_name.clone()));

    Ok(Some(Video {
        share_url: wire::share_url(&author_handle, &platform_id),
        platform_id,
        author_handle,
        author_display_name: wire::text(author_display_name),
        author_avatar_url: author.and_then(AppUser::small_avatar),
        author_followers: author
            .and_then(|a| a.follower_count.as_ref())
            .and_then(|c| c.get("author.follower_count").ok()),
        posted_at,
        description: wire::text(item.desc).unwrap_or_default(),
        hashtags,
        duration_seconds,
        cover_url,
        region: item.region.filter(|s| !s.is_empty()),
        views,
        likes,
        comments,
        shares,
        saves,
    }))
}

// ---- Comments (app shape) --------------------------------------------------------------------

/// One page of TikTok's app comment list (`/aweme/v1/comment/list/`), as TikAPI and
/// ScrapeCreators pass it through: `comments` (null or missing when there are none), `cursor`
/// (an offset, number or string) and `has_more` (0/1 or a bool).
#[derive(Deserialize)]
pub(crate) struct AppCommentPage {
    pub comments: Option<Vec<Option<AppComment>>>,
    pub cursor: Option<Cursor>,
    pub has_more: Option<Flag>,
}

impl AppCommentPage {
    /// The cursor of the next page: `None` when there is none, or when it would ask for the
    /// `current` page again (paging would then buy the same page forever).
    pub(crate) fn next_cursor(&self, current: Option<&str>) -> Option<String> {
        if !is_set(self.has_more) {
            return None;
        }
        self.cursor.as_ref().map(Cursor::as_query).filter(|next| current != Some(next.as_str()))
    }
}

#[derive(Deserialize)]
pub(crate) struct AppComment {
    cid: Option<Id>,
    text: Option<String>,
    create_time: Option<Count>,
    digg_count: Option<Count>,
    comment_language: Option<String>,
    /// `"0"` on a top-level comment, the parent's `cid` on a reply. The list itself holds
    /// top-level comments (replies come from a separate reply list, or nested under
    /// `reply_comment`, which is not read); this is checked in case a reply slips in.
    reply_id: Option<Id>,
    user: Option<AppUser>,
}

/// Adds a page's top-level comments to `out`, skipping replies, duplicates (offset paging can
/// repeat an entry when comments arrive meanwhile) and entries without an id or a time. A page
/// whose every non-reply entry is unusable is refused, so a changed shape cannot pass for "no
/// comments".
pub(crate) fn collect_comments(
    entries: Option<Vec<Option<AppComment>>>,
    seen: &mut HashSet<String>,
    out: &mut Vec<VideoComment>,
) -> Result<(), SourceError> {
    let mut top_level = 0;
    let mut usable = 0;
    for entry in entries.unwrap_or_default().into_iter().flatten() {
        if entry.is_reply() {
            continue;
        }
        top_level += 1;
        if let Some(comment) = app_comment(entry)? {
            usable += 1;
            if seen.insert(comment.id.clone()) {
                out.push(comment);
            }
        }
    }
    if top_level > 0 && usable == 0 {
        return Err(SourceError::BadPayload(format!("none of the {top_level} comments on the page is usable")));
    }
    Ok(())
}

impl AppComment {
    /// Only a readable parent id other than `"0"` makes a reply; an unreadable one says nothing.
    fn is_reply(&self) -> bool {
        matches!(&self.reply_id, Some(Id::Valid(parent)) if parent != "0")
    }
}

/// A comment, or `None` for an entry without an id or a time.
fn app_comment(raw: AppComment) -> Result<Option<VideoComment>, SourceError> {
    let Some(id) = raw.cid.as_ref() else { return Ok(None) };
    let id = id.get("cid")?.to_string();
    let Some(created) = raw.create_time.as_ref() else { return Ok(None) };
    let Some(posted_at) = wire::unix_seconds(created.get("create_time")?) else {
        return Err(SourceError::BadPayload(format!("create_time out of range for comment {id}")));
    };
    let likes = raw.digg_count.as_ref().map(|c| c.get("digg_count")).transpose()?;
    let user = raw.user.as_ref();
    let commenter_id = match user.and_then(|u| u.uid.as_ref()) {
        Some(uid) => Some(uid.get("user.uid")?.to_string()),
        None => None,
    };
    Ok(Some(VideoComment {
        id,
        text: wire::text(raw.text).unwrap_or_default(),
        posted_at,
        commenter_id,
        commenter_handle: user.and_then(AppUser::handle),
        commenter_region: user.and_then(|u| wire::country_code(u.region.as_deref())),
        likes,
        language: raw.comment_language.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
    }))
}
