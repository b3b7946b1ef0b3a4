//! A realistic creator for the tests and the benchmarks: a year of daily history, 30 videos, a
//! target audience, an audience profile, and comments on their videos in known languages.

#![allow(dead_code)]

use chrono::{DateTime, Days, Duration, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;
use zzyzx_analytics::{AudienceKind, AudienceProfile, DailyPoint, SampledComment, TargetAudience, VideoStats};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 30, 12, 0, 0).unwrap()
}

/// 365 days ending today: 20,000 followers growing 40 a day, then 300 a day over the last week.
pub fn history() -> Vec<DailyPoint> {
    let start = today() - Days::new(364);
    let mut followers = 20_000;
    (0..365)
        .map(|i| {
            followers += if i >= 358 { 300 } else { 40 };
            DailyPoint {
                date: start + Days::new(i),
                followers,
                following: 310,
                likes: 50 * followers,
                videos: 100 + i as i64 / 3,
            }
        })
        .collect()
}

/// 30 videos, one every 3 days, 10,000 views each and 10% engagement, except a 90,000-view hit 4 days ago.
pub fn videos() -> Vec<VideoStats> {
    (0..30)
        .map(|i| {
            let views = if i == 1 { 90_000 } else { 10_000 };
            VideoStats {
                id: format!("74680000000000000{i:02}"),
                posted_at: now() - Duration::days(1 + 3 * i),
                views,
                likes: views / 12,
                comments: views / 100,
                shares: views / 200,
                saves: None,
                hashtags: vec!["#SkinCare".to_owned(), "fyp".to_owned()],
                region: Some("US".to_owned()),
            }
        })
        .collect()
}

pub fn target() -> TargetAudience {
    TargetAudience {
        countries: vec!["US".to_owned()],
        genders: vec!["female".to_owned()],
        interests: vec!["skincare".to_owned()],
        ..TargetAudience::default()
    }
}

pub fn audience() -> AudienceProfile {
    AudienceProfile {
        kind: AudienceKind::Provider,
        source: "tiktok_one".to_owned(),
        captured_at: now(),
        sample_size: None,
        ages: BTreeMap::new(),
        genders: [("female".to_owned(), 0.8), ("male".to_owned(), 0.2)].into(),
        countries: [("US".to_owned(), 0.5), ("CA".to_owned(), 0.2)].into(),
        languages: BTreeMap::new(),
    }
}

/// Comment-length sentences per ISO 639-1 code, written for these tests, each of which whatlang
/// 0.18 reads as its language with a confidence of at least 0.5 (shorter or more ambiguous ones
/// often are not: see `SHORT_COMMENTS` and the estimator's module documentation).
pub const SENTENCES: [(&str, [&str; 12]); 5] = [
    (
        "en",
        [
            "this is the best video I have seen all week",
            "my daughter would absolutely love this outfit for her birthday",
            "I have watched this at least ten times and it still makes me laugh",
            "the colour of that jacket is perfect on you",
            "I bought the same one and it fell apart after a month",
            "where is this place? it looks beautiful in the evening",
            "this song has been stuck in my head all day long",
            "honestly the way you explain things makes it so easy to follow",
            "I tried this recipe last night and my whole family loved it",
            "please tell me where I can find those shoes, they are perfect",
            "you should make a second part because I need to know what happened",
            "the lighting in this video is just incredible, what camera do you use",
        ],
    ),
    (
        "es",
        [
            "Me encanta este vídeo, ¿dónde lo compraste?",
            "te sigo desde hace años y cada vez lo haces mejor",
            "ese lugar es precioso, ¿en qué ciudad está?",
            "mi hermana tiene uno igual y le encanta muchísimo",
            "eres la mejor, siempre me alegras el día con tus vídeos",
            "¿de dónde es esa chaqueta? la quiero para el invierno",
            "¡por favor sube la segunda parte ya! me quedé con las ganas",
            "ese vestido está precioso, ¿lo tienen también en azul?",
            "la iluminación de este vídeo es increíble, ¿qué cámara usas?",
            "cuánto cuesta y dónde lo puedo comprar en México",
            "llevo toda la mañana escuchando esta canción, qué buena está",
            "mañana mismo voy a la tienda a buscarlo, gracias por enseñarlo",
        ],
    ),
    (
        "de",
        [
            "Das ist wirklich toll, wo hast du das gekauft?",
            "meine Schwester hat genau das gleiche Kleid zu Hause",
            "das Lied geht mir seit heute Morgen nicht mehr aus dem Kopf",
            "wo ist das? sieht wunderschön aus bei Sonnenuntergang",
            "ich habe das auch bestellt und bin total begeistert",
            "wie machst du das immer so schnell und so ordentlich",
            "kannst du bitte ein Tutorial für dieses Make-up machen",
            "ich habe das Rezept gestern ausprobiert und alle waren begeistert",
            "welche Kamera benutzt du, das Licht ist einfach unglaublich",
            "du hast wirklich viel mehr Follower verdient, ehrlich gesagt",
            "bitte mach einen zweiten Teil, ich muss wissen wie es weitergeht",
            "die Farbe von dieser Jacke steht dir wirklich sehr gut",
        ],
    ),
    (
        "fr",
        [
            "ma sœur a exactement la même robe à la maison",
            "tu peux faire un tutoriel pour ce maquillage s'il te plaît",
            "cette chanson me reste dans la tête depuis ce matin",
            "c'est où cet endroit ? c'est vraiment magnifique",
            "comment tu fais pour être toujours aussi belle",
            "j'ai essayé la recette hier soir et toute ma famille a adoré",
            "tu mérites beaucoup plus d'abonnés, franchement",
            "fais une deuxième partie, je veux savoir ce qui se passe",
            "la lumière dans cette vidéo est incroyable, tu utilises quelle caméra",
            "je l'ai commandé aussi et je suis vraiment contente du résultat",
            "elle vient d'où cette veste ? elle te va parfaitement",
            "je regarde tes vidéos tous les soirs avant de dormir",
        ],
    ),
    (
        "pt",
        [
            "minha irmã tem um vestido igualzinho em casa",
            "não consigo parar de ouvir essa música desde ontem",
            "como você consegue ficar linda em tudo que veste",
            "você merece muito mais seguidores de verdade",
            "fiz a receita ontem à noite e toda a minha família adorou",
            "faz uma segunda parte por favor, eu preciso saber o que aconteceu",
            "a iluminação desse vídeo está incrível, qual câmera você usa",
            "comprei também e estou muito feliz com o resultado",
            "que vídeo lindo, você arrasa sempre nas escolhas",
            "onde fica esse lugar? parece maravilhoso no pôr do sol",
            "qual é a marca dessa jaqueta? ficou perfeita em você",
            "assisto seus vídeos todas as noites antes de dormir",
        ],
    ),
];

/// Comments too short to classify: (text, is it mostly emoji or symbols).
pub const SHORT_COMMENTS: [(&str, bool); 6] = [
    ("😍😍😍", true),
    ("🔥🔥", true),
    ("👏🏽👏🏽👏🏽👏🏽 wow", true),
    ("first", false),
    ("lol", false),
    ("OMG so cute", false),
];

/// The sentences of one language; panics on a code the table lacks (a mistake in a test).
pub fn sentences(code: &str) -> &'static [&'static str; 12] {
    &SENTENCES.iter().find(|(c, _)| *c == code).unwrap_or_else(|| panic!("no sentences in {code}")).1
}

/// Comments by commenters of a known language mix: `mix` is (language, commenters); every
/// `repeat_every`-th commenter of a language writes a second comment; comments are spread over
/// `videos` videos, and commenters named `{language}-{n}`.
pub fn comments_in_mix(mix: &[(&str, usize)], repeat_every: usize, videos: usize) -> Vec<SampledComment> {
    let mut comments = Vec::new();
    for &(code, commenters) in mix {
        for n in 0..commenters {
            let writes = if repeat_every > 0 && n % repeat_every == 0 { 2 } else { 1 };
            for k in 0..writes {
                comments.push(SampledComment {
                    text: sentences(code)[(n + 5 * k) % 12].to_owned(),
                    commenter_id: Some(format!("{code}-{n}")),
                    video_id: format!("video-{}", (n + k) % videos),
                    commenter_country: None,
                });
            }
        }
    }
    comments
}

/// One creator's engagement sample: 600 comments on 12 videos. 300 commenters write in English
/// (150), Spanish (60), Portuguese (42), German (30) and French (18), every third of them twice
/// (400 comments); every other one has a profile country (US, MX, BR, DE, FR by language); 200
/// more commenters leave a short comment each, one of `SHORT_COMMENTS` in turn.
pub fn creator_comments() -> Vec<SampledComment> {
    let mix = [("en", 150), ("es", 60), ("pt", 42), ("de", 30), ("fr", 18)];
    let country = |code: &str| match code {
        "en" => "US",
        "es" => "MX",
        "pt" => "BR",
        "de" => "DE",
        _ => "FR",
    };
    let mut comments = comments_in_mix(&mix, 3, 12);
    for comment in &mut comments {
        let id = comment.commenter_id.as_deref().unwrap_or_default();
        let (code, n) = id.split_once('-').unwrap_or_default();
        if n.parse::<usize>().is_ok_and(|n| n % 2 == 0) {
            comment.commenter_country = Some(country(code).to_owned());
        }
    }
    comments.extend((0..200).map(|n| SampledComment {
        text: SHORT_COMMENTS[n % SHORT_COMMENTS.len()].0.to_owned(),
        commenter_id: Some(format!("short-{n}")),
        video_id: format!("video-{}", n % 12),
        commenter_country: None,
    }));
    comments
}
