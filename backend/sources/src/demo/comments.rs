//! Comments under demo videos, the sample an audience estimate is made from. Each demo creator has
//! an audience that mostly writes in the language of the creator's country, with a few others
//! mixed in; its commenters recur from video to video, some say where they live, and some write
//! only emoji or a word, which no language detector can read. Every line is written for the demo.

use super::{Creator, Rng, fnv1a, mix};
use crate::VideoComment;
use chrono::{DateTime, Duration, Utc};

/// A language demo commenters write in: its ISO 639-1 code, countries where it is spoken, and
/// lines about the videos, each one that the audience estimator's language detection reads with
/// confidence (checked by hand against it: short Spanish lines often are not).
struct Tongue {
    code: &'static str,
    countries: &'static [&'static str],
    lines: &'static [&'static str],
}

const ENGLISH: usize = 0;

const TONGUES: [Tongue; 6] = [
    Tongue {
        code: "en",
        countries: &["US", "US", "US", "GB", "CA", "AU", "IE"],
        lines: &[
            "this is exactly the kind of outfit I have been looking for all summer",
            "where did you find those leggings? they look really comfortable to wear",
            "your videos are the reason I actually go to the gym every morning now",
            "okay the colour of that jacket is perfect, I need it now",
            "I tried this routine yesterday and my legs are still shaking",
            "how does the fabric hold up after a few washes though",
            "the way you styled the oversized shirt with those trainers is amazing",
            "please do a full review of the new collection next week",
        ],
    },
    Tongue {
        code: "es",
        countries: &["MX", "ES", "AR", "CO", "US"],
        lines: &[
            "¿dónde compraste esas mallas? parecen muy cómodas y también bonitas",
            "me encanta cómo combinas la chaqueta con las zapatillas, está genial",
            "la tela parece muy cómoda, cuánto tiempo dura después de lavarla",
            "¿dónde conseguiste esos pantalones? están increíbles y quiero unos iguales",
            "tus videos siempre me alegran el día, sigue así por favor",
        ],
    },
    Tongue {
        code: "de",
        countries: &["DE", "DE", "AT", "CH"],
        lines: &[
            "das Outfit ist wirklich schön, wo hast du die Hose gekauft",
            "deine Videos motivieren mich jeden Morgen zum Training",
            "ich habe die Übungen gestern gemacht und habe jetzt Muskelkater",
            "die Farbe steht dir total gut, ich will genau so eine Jacke",
            "wie fühlt sich der Stoff nach dem Waschen an, ist er noch weich",
        ],
    },
    Tongue {
        code: "fr",
        countries: &["FR", "FR", "BE", "CA"],
        lines: &[
            "cette tenue est magnifique, tu l'as achetée où exactement",
            "tes vidéos me donnent envie de faire du sport tous les jours",
            "j'ai essayé cet entraînement hier et j'ai mal partout aujourd'hui",
            "la couleur de cette veste est parfaite pour le printemps",
            "est-ce que le tissu reste doux après plusieurs lavages",
        ],
    },
    Tongue {
        code: "pt",
        countries: &["BR", "BR", "PT"],
        lines: &[
            "amei esse look, onde você comprou essa calça tão bonita",
            "seus vídeos me motivam a treinar todos os dias de manhã",
            "fiz esse treino ontem e hoje minhas pernas estão doendo muito",
            "essa cor ficou perfeita em você, quero uma jaqueta igual",
        ],
    },
    Tongue {
        code: "it",
        countries: &["IT", "IT", "CH"],
        lines: &[
            "questo completo è bellissimo, dove hai comprato i pantaloni",
            "i tuoi video mi danno la motivazione per allenarmi ogni giorno",
            "ho provato questo allenamento ieri e oggi sono distrutta",
            "il colore di questa giacca ti sta benissimo, la voglio anche io",
        ],
    },
];

/// What a language detector cannot read: emoji, and single words.
const UNREADABLE: [&str; 8] = ["🔥🔥🔥", "😍😍", "👏👏👏", "💯", "🙌✨", "wow", "omg", "yes"];

/// A creator's audience: each tongue's weight (summing to 1), the language of the creator's
/// country foremost.
fn audience_mix(creator: &Creator) -> [f64; TONGUES.len()] {
    let home = match creator.region {
        "DE" => 2,
        _ => ENGLISH,
    };
    let mut rng = Rng::new(mix(creator.seed, 0xc0de, 1));
    let mut weights = [0.0; TONGUES.len()];
    weights[home] = rng.range(0.55, 0.85);
    if home != ENGLISH {
        weights[ENGLISH] = rng.range(0.1, 0.3);
    }
    // Two or three other tongues share what is left, unevenly.
    for _ in 0..2 + rng.below(2) {
        weights[1 + rng.below(TONGUES.len() - 1)] += rng.range(0.02, 0.12);
    }
    let total: f64 = weights.iter().sum();
    weights.map(|w| w / total)
}

/// Index of the tongue `unit` (0..1) falls in, by the cumulative weights.
fn pick(weights: &[f64; TONGUES.len()], unit: f64) -> usize {
    let mut cumulative = 0.0;
    for (i, weight) in weights.iter().enumerate() {
        cumulative += weight;
        if unit < cumulative {
            return i;
        }
    }
    ENGLISH
}

/// Up to `max` comments under video `video_id` of `handle`, newest first, as of `now`. The same
/// arguments always give the same comments. A creator's commenters come from one pool of about
/// 300 accounts, so some comment on many videos; about two in three say which country they are in.
pub(super) fn comments(handle: &str, video_id: &str, max: usize, now: DateTime<Utc>) -> Vec<VideoComment> {
    let creator = Creator::new(handle);
    let weights = audience_mix(&creator);
    let video_seed = mix(creator.seed, fnv1a(video_id.as_bytes()), 2);
    let mut rng = Rng::new(video_seed);
    // Busier creators draw more comments, up to 120 a video.
    let count = max.min(20 + (creator.base_followers.log10() * 12.0) as usize + rng.below(30)).min(120);
    (0..count)
        .map(|n| {
            let commenter = rng.below(300) as u64;
            // A commenter always writes in one tongue and lives in one country.
            let mut who = Rng::new(mix(creator.seed, 0xfeed, commenter));
            let tongue = &TONGUES[pick(&weights, who.unit())];
            let region = (who.unit() < 0.65).then(|| tongue.countries[who.below(tongue.countries.len())]);
            let (text, language) = if rng.unit() < 0.14 {
                (UNREADABLE[rng.below(UNREADABLE.len())], None)
            } else {
                (tongue.lines[rng.below(tongue.lines.len())], Some(tongue.code))
            };
            VideoComment {
                id: format!("{}{n:04}", video_seed % 1_000_000_000_000_000),
                text: text.to_owned(),
                posted_at: now - Duration::minutes((n as i64 + 1) * 37),
                commenter_id: Some(format!("70000000{:010}", mix(creator.seed, 0xfeed, commenter) % 10_000_000_000)),
                commenter_handle: Some(format!("{}fan{commenter}", &creator.handle[..creator.handle.len().min(4)])),
                commenter_region: region.map(str::to_owned),
                likes: Some(rng.below(200) as i64),
                // TikTok's own guess, as providers pass it on.
                language: language.map(str::to_owned),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::{HashMap, HashSet};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap()
    }

    #[test]
    fn comments_are_the_same_for_the_same_video_and_differ_between_videos() {
        assert_eq!(
            comments("mayamoves", "7400000000000000001", 50, now()),
            comments("mayamoves", "7400000000000000001", 50, now())
        );
        assert_ne!(
            comments("mayamoves", "7400000000000000001", 50, now()),
            comments("mayamoves", "7400000000000000002", 50, now())
        );
        assert!(comments("mayamoves", "7400000000000000001", 5, now()).len() <= 5);
        assert!(comments("mayamoves", "7400000000000000001", 0, now()).is_empty());
    }

    #[test]
    fn an_audience_mixes_languages_with_the_home_one_foremost_and_commenters_recur() {
        for handle in ["mayamoves", "berlin.lifts", "thriftqueen"] {
            let mix = audience_mix(&Creator::new(handle));
            assert!((mix.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            assert!(mix.iter().filter(|w| **w > 0.0).count() >= 2, "{handle}: more than one language");
            let all: Vec<VideoComment> =
                (0..12).flat_map(|v| comments(handle, &format!("74000000000000000{v:02}"), 100, now())).collect();
            let mut per_commenter: HashMap<&str, usize> = HashMap::new();
            for comment in &all {
                *per_commenter.entry(comment.commenter_id.as_deref().unwrap()).or_default() += 1;
            }
            assert!(per_commenter.values().any(|n| *n > 1), "{handle}: some commenters come back");
            assert!(
                all.iter().any(|c| c.commenter_region.is_none()) && all.iter().any(|c| c.commenter_region.is_some())
            );
            assert!(
                all.iter().any(|c| UNREADABLE.contains(&c.text.as_str())),
                "{handle}: some comments cannot be read"
            );
            let ids: HashSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids.len(), all.len(), "comment ids are unique");
        }
    }

    #[test]
    fn every_line_is_long_enough_to_tell_its_language() {
        for tongue in &TONGUES {
            assert!(tongue.lines.iter().all(|line| line.split_whitespace().count() >= 8), "{}", tongue.code);
        }
    }
}
