//! The invented creators of the demo source and the words their videos are made of. Every handle
//! and name here is made up for an apparel brand's niches; none is meant to be a real account.

use super::Pattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Niche {
    Fitness,
    Streetwear,
    Thrifting,
    Running,
    Yoga,
    SustainableFashion,
    Outdoors,
    Pilates,
    Cycling,
}

impl Niche {
    pub(super) const ALL: [Niche; 9] = [
        Niche::Fitness,
        Niche::Streetwear,
        Niche::Thrifting,
        Niche::Running,
        Niche::Yoga,
        Niche::SustainableFashion,
        Niche::Outdoors,
        Niche::Pilates,
        Niche::Cycling,
    ];

    /// Hashtags a creator of this niche uses, most typical first.
    pub(super) fn tags(self) -> &'static [&'static str] {
        match self {
            Niche::Fitness => &["fitness", "gymtok", "workout", "strengthtraining", "gymfit", "activewear"],
            Niche::Streetwear => &["streetwear", "ootd", "fitcheck", "outfitinspo", "sneakers", "oversized"],
            Niche::Thrifting => &["thrift", "thrifthaul", "thriftflip", "secondhand", "vintage", "thriftwithme"],
            Niche::Running => &["running", "runtok", "marathontraining", "runner", "runningoutfit", "5k"],
            Niche::Yoga => &["yoga", "yogaflow", "mobility", "stretching", "yogawear", "morningroutine"],
            Niche::SustainableFashion => {
                &["sustainablefashion", "slowfashion", "capsulewardrobe", "upcycling", "secondhand", "visiblemending"]
            }
            Niche::Outdoors => &["gorpcore", "hiking", "outdoorstyle", "trailrunning", "layering", "camping"],
            Niche::Pilates => &["pilates", "reformerpilates", "coreworkout", "matpilates", "activewear", "barre"],
            Niche::Cycling => &["cycling", "gravelbike", "bikecommute", "cyclingkit", "bikepacking", "zone2"],
        }
    }

    /// Openings for video descriptions.
    pub(super) fn phrases(self) -> &'static [&'static str] {
        match self {
            Niche::Fitness => &[
                "leg day but make it cozy",
                "the 3 lifts I never skip",
                "form check on my heaviest set yet",
                "what I wear to the gym this week",
                "a 20 minute dumbbell finisher",
            ],
            Niche::Streetwear => &[
                "styling one pair of cargos five ways",
                "fit check before the weekend",
                "how I layer when it's 12 degrees",
                "rating my most worn pieces",
                "thrifted jacket, new sneakers",
            ],
            Niche::Thrifting => &[
                "come thrift with me, the racks were stacked",
                "a $6 find I will wear forever",
                "flipping a thrifted blazer",
                "thrift haul try-on",
                "how I spot good fabric in ten seconds",
            ],
            Niche::Running => &[
                "easy run, hard week",
                "what I wore for a rainy 10k",
                "long run fuel that actually works",
                "tempo tuesday recap",
                "new shoes, first impressions",
            ],
            Niche::Yoga => &[
                "a 10 minute morning flow",
                "hip openers after a long day at a desk",
                "my slow sunday stretch",
                "breathwork before bed",
                "what I wear to hot yoga",
            ],
            Niche::SustainableFashion => &[
                "mending my favourite jeans",
                "a capsule wardrobe for autumn",
                "30 wears challenge update",
                "upcycling an old linen shirt",
                "why I stopped buying fast fashion",
            ],
            Niche::Outdoors => &[
                "what I pack for a day hike",
                "layering for a windy summit",
                "trail fit of the week",
                "gear that earned its place",
                "sunrise hike, cold hands",
            ],
            Niche::Pilates => &[
                "a core burner you can do at home",
                "reformer class outfit check",
                "slow controlled reps, trust me",
                "pilates for runners",
                "my 15 minute mat routine",
            ],
            Niche::Cycling => &[
                "a gravel loop before work",
                "what I wear on a cold morning ride",
                "zone 2 all winter",
                "commuting by bike, honest review",
                "bikepacking kit list",
            ],
        }
    }

    pub(super) fn bio(self) -> &'static str {
        match self {
            Niche::Fitness => "lifting heavy, dressing comfy. training notes daily",
            Niche::Streetwear => "fits, layers and too many sneakers",
            Niche::Thrifting => "secondhand first. hauls, flips, finds",
            Niche::Running => "slow miles, fast friends. marathon in progress",
            Niche::Yoga => "flows for stiff bodies and busy days",
            Niche::SustainableFashion => "buy less, mend more, wear it 30 times",
            Niche::Outdoors => "trail style and honest gear talk",
            Niche::Pilates => "reformer + mat. core first",
            Niche::Cycling => "gravel, commutes and warm layers",
        }
    }

    /// Typical video length in seconds (shortest, longest).
    pub(super) fn durations(self) -> (i32, i32) {
        match self {
            Niche::Yoga | Niche::Pilates => (25, 180),
            Niche::Thrifting | Niche::SustainableFashion => (15, 150),
            _ => (7, 90),
        }
    }
}

/// One invented creator of the main demo list.
pub(super) struct Entry {
    pub handle: &'static str,
    pub display_name: &'static str,
    pub niche: Niche,
}

const fn entry(handle: &'static str, display_name: &'static str, niche: Niche) -> Entry {
    Entry { handle, display_name, niche }
}

use Niche::*;

/// The demo list: what `zzyzx demo` tracks.
pub(super) const CREATORS: [Entry; 60] = [
    entry("liftwithmarisol", "Marisol | Lift Notes", Fitness),
    entry("fitcheck.fenwick", "Fenwick Osei", Streetwear),
    entry("thriftwithtamsin", "Tamsin Hale", Thrifting),
    entry("milesbymateo", "Mateo Quintero", Running),
    entry("flowwithfarah", "Farah Haddad", Yoga),
    entry("mendedbymaren", "Maren Holt", SustainableFashion),
    entry("gorpcore.gabi", "Gabi Ferraz", Outdoors),
    entry("reformer.rhea", "Rhea Papadakis", Pilates),
    entry("cadence.cora", "Cora Delacroix", Cycling),
    entry("coachdevlin.fit", "Devlin Park", Fitness),
    entry("layersbylaszlo", "Laszlo Varga", Streetwear),
    entry("binhaul.bex", "Bex Okafor", Thrifting),
    entry("runwithroisin", "Róisín Daly", Running),
    entry("slowstretch.sunny", "Sunny Arceneaux", Yoga),
    entry("slowwardrobe.sade", "Sade Adeyemi", SustainableFashion),
    entry("summitstyle.sven", "Sven Aaland", Outdoors),
    entry("pilates.with.poppy", "Poppy Ainsworth", Pilates),
    entry("gravelgrind.gio", "Gio Santangelo", Cycling),
    entry("kettlebell.kit", "Kit Amberly", Fitness),
    entry("cargo.and.caps", "Cargo & Caps", Streetwear),
    entry("secondround.sal", "Sal Ferreira", Thrifting),
    entry("tempotuesday.tom", "Tom Achterberg", Running),
    entry("mat.notes.mika", "Mika Tanaka-Reyes", Yoga),
    entry("capsule.cleo", "Cleo Fairbanks", SustainableFashion),
    entry("trailfits.tova", "Tova Lindgren", Outdoors),
    entry("coreclub.cass", "Cass Whitfield", Pilates),
    entry("spinwithsilas", "Silas Okonkwo", Cycling),
    entry("ironandoat", "Iron & Oat", Fitness),
    entry("drip.diary.ines", "Inès Moreau", Streetwear),
    entry("rackdiver.june", "June Abernathy", Thrifting),
    entry("longrun.lucia", "Lucía Serrano", Running),
    entry("yogabyyusra", "Yusra Okoye", Yoga),
    entry("rewear.rafa", "Rafa Domínguez", SustainableFashion),
    entry("packlight.pia", "Pia Sørensen", Outdoors),
    entry("barre.bianca", "Bianca Ferro", Pilates),
    entry("squatsbysaoirse", "Saoirse Lane", Fitness),
    entry("sneakerrotation.rio", "Rio Castellanos", Streetwear),
    entry("flipitfrankie", "Frankie Mbeki", Thrifting),
    entry("trailtrotter.ade", "Ade Olamide", Running),
    entry("breathe.with.bram", "Bram de Wit", Yoga),
    entry("visiblemending.vi", "Vi Nguyen-Hart", SustainableFashion),
    entry("tempo.tanvir", "Tanvir Rahim", Fitness),
    entry("oversized.odette", "Odette Nwosu", Streetwear),
    entry("estate.sale.esme", "Esmé Whitlock", Thrifting),
    entry("splits.and.sips", "Splits & Sips", Running),
    entry("hipopener.hana", "Hana Kowalczyk", Yoga),
    entry("linen.and.lemons", "Linen & Lemons", SustainableFashion),
    entry("deadliftdelphine", "Delphine Morrow", Fitness),
    entry("streetstudy.kai", "Kai Lindqvist", Streetwear),
    entry("vintage.vesna", "Vesna Petrov", Thrifting),
    entry("fivek.priya", "Priya Venkat", Running),
    entry("sunsalute.seb", "Seb Marchetti", Yoga),
    entry("upcycle.uma", "Uma Castellane", SustainableFashion),
    entry("gymnotes.with.ola", "Ola Brennan", Fitness),
    entry("athleisure.aya", "Aya Benali", Streetwear),
    entry("thriftedtilly", "Tilly Ashworth", Thrifting),
    entry("easyzone.eli", "Eli Brandt", Running),
    entry("thirtywears.theo", "Theo Marsh", SustainableFashion),
    entry("denimdoctor.dee", "Dee Harlow", SustainableFashion),
    entry("gymfit.journal", "The Gym Fit Journal", Fitness),
];

/// Patterns of the demo list, by position: every pattern appears, steady growth most often.
pub(super) const PATTERN_CYCLE: [Pattern; 10] = [
    Pattern::Steady,
    Pattern::Rising,
    Pattern::Steady,
    Pattern::Declining,
    Pattern::Viral,
    Pattern::Steady,
    Pattern::Dormant,
    Pattern::Rising,
    Pattern::Steady,
    Pattern::Declining,
];

/// Creators outside the demo list who still post under the niche hashtags, so a hashtag feed
/// has new creators to discover.
pub(super) const NEWCOMERS: [Entry; 18] = [
    entry("newdrop.nadia", "Nadia Ferreira-Cole", Streetwear),
    entry("fresh.fits.femi", "Femi Adebayo", Streetwear),
    entry("thriftpilgrim", "The Thrift Pilgrim", Thrifting),
    entry("rookie.runner.ray", "Ray Okoro", Running),
    entry("matmoments.mo", "Mo Hassan", Yoga),
    entry("reworked.remy", "Remy Laurent", SustainableFashion),
    entry("basecamp.bo", "Bo Halvorsen", Outdoors),
    entry("lift.log.luz", "Luz Carmona", Fitness),
    entry("secondhand.sky", "Sky Mercer", Thrifting),
    entry("pace.notes.pax", "Pax Whitaker", Running),
    entry("flowstate.fen", "Fen Ashby", Yoga),
    entry("greenthreads.gwen", "Gwen Talbot", SustainableFashion),
    entry("coldplunge.cal", "Cal Rutherford", Fitness),
    entry("offcuts.otis", "Otis Pemberton", SustainableFashion),
    entry("strideright.sam", "Sam Achebe", Running),
    entry("corecraft.cleo", "Cleo Marchand", Pilates),
    entry("chainring.chi", "Chi Obi", Cycling),
    entry("ridgeline.ren", "Ren Takahashi", Outdoors),
];
