/**
 * Fixed reference data for the demo archive: publication types, topic
 * categories, series and authors of an invented Korea-focused policy institute.
 * Every person here is fictional; any resemblance to a real person is accidental.
 */

/** The demo institute's name, used by press releases and event copy. */
export const INSTITUTE_NAME = "Hanbit Institute for Korea Policy";

export interface PublicationTypeSeed {
  slug: string;
  name: string;
  pluralName: string;
  /** Share of the archive in percent; the weights add up to 100. */
  weight: number;
}

export interface CategorySeed {
  slug: string;
  name: string;
  description: string;
}

export interface SeriesSeed {
  slug: string;
  name: string;
  description: string;
  /** Shown on the home page. */
  featured?: boolean;
}

export interface AuthorSeed {
  slug: string;
  name: string;
  title: string;
  affiliation: string;
  bio: string;
}

/** Commentary (which includes The Peninsula blog posts) dominates; press releases are rare. */
export const PUBLICATION_TYPES = [
  { slug: "commentary", name: "Commentary", pluralName: "Commentaries", weight: 40 },
  { slug: "op-ed", name: "Op-Ed", pluralName: "Op-Eds", weight: 12 },
  { slug: "event", name: "Event", pluralName: "Events", weight: 12 },
  { slug: "issue-brief", name: "Issue Brief", pluralName: "Issue Briefs", weight: 10 },
  { slug: "podcast", name: "Podcast", pluralName: "Podcasts", weight: 8 },
  { slug: "video", name: "Video", pluralName: "Videos", weight: 8 },
  { slug: "report", name: "Report", pluralName: "Reports", weight: 7 },
  { slug: "press-release", name: "Press Release", pluralName: "Press Releases", weight: 3 },
] as const satisfies readonly PublicationTypeSeed[];

export const CATEGORIES = [
  {
    slug: "north-korea",
    name: "North Korea",
    description:
      "Analysis of the North Korean regime, its weapons programs, economy and human rights record, and of the diplomacy that surrounds them.",
  },
  {
    slug: "economics-trade",
    name: "Economics & Trade",
    description:
      "Korea's economy, its trade and investment ties with the United States and the world, and the policies that shape growth, prices and jobs.",
  },
  {
    slug: "security",
    name: "Security",
    description:
      "Defense policy, deterrence and military balance on the Korean Peninsula, from extended deterrence to cyber and space.",
  },
  {
    slug: "alliance-diplomacy",
    name: "Alliance & Diplomacy",
    description:
      "The US–Korea alliance and Korea's wider diplomacy, including trilateral cooperation with Japan and Seoul's role in global institutions.",
  },
  {
    slug: "china-region",
    name: "China & the Region",
    description:
      "How China, Japan, Russia and Southeast Asia shape Korea's strategic choices, and how Seoul navigates great-power competition.",
  },
  {
    slug: "energy-climate",
    name: "Energy & Climate",
    description:
      "Energy security, nuclear power, the transition to clean energy and climate policy in Korea and its partners.",
  },
  {
    slug: "technology-supply-chains",
    name: "Technology & Supply Chains",
    description:
      "Semiconductors, batteries, critical minerals and digital policy, and the supply chains and export controls that connect Korea to its partners.",
  },
  {
    slug: "society-culture",
    name: "Society & Culture",
    description:
      "Demographic change, education, labor, migration and Korea's cultural reach, from reunification attitudes to the Korean Wave.",
  },
] as const satisfies readonly CategorySeed[];

export type CategorySlug = (typeof CATEGORIES)[number]["slug"];

export const SERIES = [
  {
    slug: "the-peninsula",
    name: "The Peninsula",
    description:
      "The institute's blog: short, timely takes from our staff and fellows on the week's news from the Korean Peninsula and beyond.",
    featured: true,
  },
  {
    slug: "korea-policy-papers",
    name: "Korea Policy Papers",
    description:
      "Peer-reviewed papers by scholars in the United States, Korea and elsewhere, each with recommendations for policymakers.",
  },
  {
    slug: "trade-ledger",
    name: "Trade Ledger",
    description:
      "A monthly, data-driven look at Korea's trade flows, investment and supply chains, with charts and a short interpretation.",
  },
  {
    slug: "peninsula-soundings",
    name: "Peninsula Soundings",
    description: "Conversations with officials, scholars and practitioners on the forces shaping Korea and its region.",
  },
] as const satisfies readonly SeriesSeed[];

const HOST = INSTITUTE_NAME;

export const AUTHORS: readonly AuthorSeed[] = [
  {
    slug: "eleanor-whitfield",
    name: "Eleanor Whitfield",
    title: "President",
    affiliation: HOST,
    bio: "Eleanor Whitfield leads the institute after three decades in the US Foreign Service, including postings in Seoul, Tokyo and Beijing. She writes on alliance management and the politics of economic statecraft.",
  },
  {
    slug: "kang-min-ji",
    name: "Kang Min-ji",
    title: "Vice President",
    affiliation: HOST,
    bio: "Kang Min-ji (강민지) oversees the institute's research program and its work on trade and industrial policy. Before joining, she was an economist at a Seoul-based bank and taught at Namsan University. She holds a doctorate in economics.",
  },
  {
    slug: "daniel-okafor",
    name: "Daniel Okafor",
    title: "Director of Academic Affairs",
    affiliation: HOST,
    bio: "Daniel Okafor runs the institute's university outreach and the Korea Policy Papers series. His research covers comparative democratization in East Asia and West Africa.",
  },
  {
    slug: "shin-jae-won",
    name: "Shin Jae-won",
    title: "Director of Economic Policy",
    affiliation: HOST,
    bio: "Shin Jae-won (신재원) directs the institute's economic work, with a focus on semiconductors, batteries and the supply chains that link Korea and the United States. He previously advised a parliamentary committee on industrial policy.",
  },
  {
    slug: "margaret-lindqvist",
    name: "Margaret Lindqvist",
    title: "Senior Fellow",
    affiliation: HOST,
    bio: "Margaret Lindqvist studies deterrence, missile defense and nuclear strategy on the Korean Peninsula. She spent twelve years as an analyst in the US government. Her commentary appears regularly in The Peninsula.",
  },
  {
    slug: "haruka-morita",
    name: "Haruka Morita",
    title: "Senior Fellow",
    affiliation: HOST,
    bio: "Haruka Morita works on Japan–Korea relations and trilateral security cooperation. She was previously a research fellow at a Tokyo think tank and a visiting scholar in Washington.",
  },
  {
    slug: "thomas-brightwater",
    name: "Thomas Brightwater",
    title: "Senior Fellow",
    affiliation: HOST,
    bio: "Thomas Brightwater covers trade law, tariffs and the economic side of the US–Korea alliance. A former trade negotiator, he has testified before congressional committees on market access in Asia.",
  },
  {
    slug: "park-seo-yeon",
    name: "Park Seo-yeon",
    title: "Senior Fellow",
    affiliation: HOST,
    bio: "Park Seo-yeon (박서연) researches North Korea's economy, markets and sanctions evasion. She has interviewed hundreds of defectors and built several datasets on prices in North Korean markets.",
  },
  {
    slug: "rudiger-hallstein",
    name: "Rüdiger Hallstein",
    title: "Senior Fellow",
    affiliation: HOST,
    bio: "Rüdiger Hallstein writes on Europe's relations with the Korean Peninsula and on lessons from German unification. He previously worked for a European foundation in Seoul.",
  },
  {
    slug: "wei-lin-zhao",
    name: "Wei-lin Zhao",
    title: "Senior Fellow",
    affiliation: HOST,
    bio: "Wei-lin Zhao studies China's policy towards the Korean Peninsula and cross-strait relations. She has taught at universities in Taipei and Singapore and writes on Chinese economic coercion.",
  },
  {
    slug: "marcus-delgado",
    name: "Marcus Delgado",
    title: "Non-Resident Fellow",
    affiliation: "Eastbrook University",
    bio: "Marcus Delgado is an associate professor of political science at Eastbrook University. His work examines US force posture in the Indo-Pacific and the domestic politics of alliances.",
  },
  {
    slug: "kenji-okabe",
    name: "Kenji Okabe",
    title: "Non-Resident Fellow",
    affiliation: "Kanto Graduate School of Policy Studies",
    bio: "Kenji Okabe teaches international political economy in Tokyo. He writes on Japanese and Korean export controls and on economic security legislation in both countries.",
  },
  {
    slug: "jose-ferreira",
    name: "José Antonio Ferreira",
    title: "Non-Resident Fellow",
    affiliation: "Universidad de Valmoral",
    bio: "José Antonio Ferreira researches Latin America's trade with Korea and the spread of Korean investment in batteries and critical minerals. He previously worked at a regional development bank.",
  },
  {
    slug: "zoe-marchetti",
    name: "Zoë Marchetti",
    title: "Non-Resident Fellow",
    affiliation: "University of Westmarch",
    bio: "Zoë Marchetti is a lecturer in Korean studies whose research covers popular culture, soft power and the global spread of the Korean Wave. She is completing a book on Korean film festivals.",
  },
  {
    slug: "yoon-tae-yang",
    name: "Yoon Tae-yang",
    title: "Non-Resident Fellow",
    affiliation: "Haneul University",
    bio: "Yoon Tae-yang (윤태양) is a professor of energy policy whose research focuses on nuclear power, grid reform and Korea's carbon-neutrality targets. He has advised several provincial governments.",
  },
  {
    slug: "caroline-ashby",
    name: "Caroline Ashby",
    title: "Non-Resident Fellow",
    affiliation: "Independent scholar",
    bio: "Caroline Ashby writes on humanitarian access, food security and health in North Korea. She spent a decade with international aid organizations working in Northeast Asia.",
  },
  {
    slug: "liang-qiao",
    name: "Liang Qiao",
    title: "Non-Resident Fellow",
    affiliation: "Riverside Institute of Technology",
    bio: "Liang Qiao studies semiconductor manufacturing and the geography of chip supply chains. His recent work maps how export controls reshape investment across East Asia.",
  },
  {
    slug: "brian-oconnell",
    name: "Brian O'Connell",
    title: "Non-Resident Fellow",
    affiliation: "Eastbrook University",
    bio: "Brian O'Connell is a retired US Army colonel who served three tours in Korea. He writes on combined command arrangements, readiness and wartime operational control.",
  },
  {
    slug: "agnieszka-wroblewska",
    name: "Agnieszka Wróblewska",
    title: "Non-Resident Fellow",
    affiliation: "Baltic Centre for Asian Studies",
    bio: "Agnieszka Wróblewska researches Central Europe's defense-industrial ties with Korea, from tanks to howitzers. She previously worked as a journalist covering NATO.",
  },
  {
    slug: "cho-eun-ha",
    name: "Cho Eun-ha",
    title: "Non-Resident Fellow",
    affiliation: "Namsan University",
    bio: "Cho Eun-ha is a sociologist who studies low fertility, ageing and family policy in Korea. Her research draws on large household surveys and on comparisons with Japan and Europe.",
  },
  {
    slug: "nathaniel-crowe",
    name: "Nathaniel Crowe",
    title: "Non-Resident Fellow",
    affiliation: "Lakeshore College",
    bio: "Nathaniel Crowe teaches nuclear policy and arms control. He writes on verification, the nonproliferation regime and the technical side of North Korea's weapons programs.",
  },
  {
    slug: "mei-hua-tan",
    name: "Mei Hua Tan",
    title: "Non-Resident Fellow",
    affiliation: "Straits Policy Forum",
    bio: "Mei Hua Tan studies Southeast Asia's economic ties with Korea and the politics of regional trade agreements. She previously worked for a regional secretariat in Jakarta.",
  },
  {
    slug: "soren-kjeldsen",
    name: "Søren Kjeldsen",
    title: "Non-Resident Fellow",
    affiliation: "Nordic Institute of Maritime Affairs",
    bio: "Søren Kjeldsen writes on shipbuilding, maritime security and Arctic shipping routes. He spent several years in the Danish merchant navy before turning to research.",
  },
  {
    slug: "priya-raghunathan",
    name: "Priya Raghunathan",
    title: "Non-Resident Fellow",
    affiliation: "Deccan School of Public Policy",
    bio: "Priya Raghunathan studies India–Korea relations and the Indo-Pacific strategies of middle powers. Her work compares how Seoul and New Delhi balance between Washington and Beijing.",
  },
  {
    slug: "daisuke-arakawa",
    name: "Daisuke Arakawa",
    title: "Non-Resident Fellow",
    affiliation: "Kanto Graduate School of Policy Studies",
    bio: "Daisuke Arakawa is a historian of postwar Japan–Korea relations. He writes on historical memory, compensation disputes and the diplomacy of reconciliation.",
  },
  {
    slug: "elena-vasquez-hart",
    name: "Elena Vasquez-Hart",
    title: "Non-Resident Fellow",
    affiliation: "University of Westmarch",
    bio: "Elena Vasquez-Hart researches cyber operations and cryptocurrency theft by state actors. She previously worked in incident response for a financial-sector firm.",
  },
  {
    slug: "baek-hyun-woo",
    name: "Baek Hyun-woo",
    title: "Non-Resident Fellow",
    affiliation: "Haneul University",
    bio: "Baek Hyun-woo is a professor of public administration who studies local government, regional decline and the politics of Korea's provinces.",
  },
  {
    slug: "lukas-novak",
    name: "Lukáš Novák",
    title: "Non-Resident Fellow",
    affiliation: "Charles Bridge Centre for Security Studies",
    bio: "Lukáš Novák writes on European defense procurement and the rise of Korea as an arms exporter. He has advised parliamentary committees on industrial offsets.",
  },
  {
    slug: "aiko-tsuchiya",
    name: "Aiko Tsuchiya",
    title: "Non-Resident Fellow",
    affiliation: "Kansai University of Foreign Studies",
    bio: "Aiko Tsuchiya studies migration and labor policy in Japan and Korea, including the treatment of foreign workers in farming and shipbuilding.",
  },
  {
    slug: "francois-delorme",
    name: "François Delorme",
    title: "Non-Resident Fellow",
    affiliation: "Université de Lorvane",
    bio: "François Delorme is an economist who works on monetary policy, exchange rates and capital flows in East Asian economies. He previously worked at an international financial institution.",
  },
  {
    slug: "rachel-hennessy",
    name: "Rachel Hennessy",
    title: "Visiting Fellow",
    affiliation: HOST,
    bio: "Rachel Hennessy is a former congressional staffer who covered Asia policy for a House committee. At the institute she writes on Congress, sanctions law and alliance burden-sharing.",
  },
  {
    slug: "oh-dong-hyun",
    name: "Oh Dong-hyun",
    title: "Visiting Fellow",
    affiliation: HOST,
    bio: "Oh Dong-hyun is a diplomat on secondment from Seoul, working on economic security and the coordination of export controls among like-minded partners.",
  },
  {
    slug: "xiaoyu-fang",
    name: "Xiaoyu Fang",
    title: "Visiting Fellow",
    affiliation: HOST,
    bio: "Xiaoyu Fang studies Chinese investment in Korea and Korean firms' exposure to the Chinese market. Her current project tracks factory relocations from China to Vietnam and Mexico.",
  },
  {
    slug: "nguyen-thi-lan",
    name: "Nguyen Thi Lan",
    title: "Visiting Fellow",
    affiliation: HOST,
    bio: "Nguyen Thi Lan researches Vietnam–Korea economic ties, including the electronics clusters built by Korean firms in northern Vietnam.",
  },
  {
    slug: "jessica-whitcombe",
    name: "Jessica Whitcombe",
    title: "Research Associate",
    affiliation: HOST,
    bio: "Jessica Whitcombe supports the institute's trade and economics program. She compiles the monthly Trade Ledger and writes on tariffs and investment screening.",
  },
  {
    slug: "moon-ha-eun",
    name: "Moon Ha-eun",
    title: "Research Associate",
    affiliation: HOST,
    bio: "Moon Ha-eun works on the institute's North Korea program, tracking missile tests, leadership appearances and state media. She holds a master's degree in international relations.",
  },
  {
    slug: "matthias-oberlander",
    name: "Matthias Oberländer",
    title: "Research Associate",
    affiliation: HOST,
    bio: "Matthias Oberländer supports the security program and maintains the institute's database of military exercises on and around the peninsula.",
  },
  {
    slug: "arjun-mehta",
    name: "Arjun Mehta",
    title: "Research Associate",
    affiliation: HOST,
    bio: "Arjun Mehta works on energy and climate, with a focus on liquefied natural gas, hydrogen and the financing of clean-energy projects in Asia.",
  },
  {
    slug: "chloe-vandermeer",
    name: "Chloé Vandermeer",
    title: "Program Manager",
    affiliation: HOST,
    bio: "Chloé Vandermeer manages the institute's events and its podcast, Peninsula Soundings. She previously produced public programs for a museum in Brussels.",
  },
  {
    slug: "samuel-ellison",
    name: "Samuel Ellison",
    title: "Director of Communications",
    affiliation: HOST,
    bio: "Samuel Ellison leads the institute's communications and media relations. He was previously a reporter covering trade and foreign policy in Washington.",
  },
];
