/**
 * Generates plausible policy-analysis publications (title, summary and a
 * ProseMirror body) from a vocabulary model: per-category term banks, a large
 * general vocabulary with inflections, sentence templates with slots, and a
 * bank of rare proper names. Nothing is copied from real articles.
 *
 * Everything random comes from the `Random` passed in, so the same seed and
 * inputs always give the same output. Templates are compiled once at module
 * load; the hot path only picks, pushes and joins strings.
 */
import { AUTHORS, CATEGORIES, INSTITUTE_NAME, SERIES, type CategorySlug } from "./catalog";
import type { Random } from "./random";
import { countWords, type ProseMirrorDoc, type ProseMirrorMark, type ProseMirrorNode } from "@/lib/content/render-html";

export type { ProseMirrorDoc, ProseMirrorMark, ProseMirrorNode } from "@/lib/content/render-html";

export interface PublicationInput {
  typeName: string;
  categoryNames: string[];
  seriesName: string | null;
  /** Position in the archive; spreads rare terms evenly over it. */
  index: number;
}

export interface GeneratedPublication {
  title: string;
  summary: string;
  doc: ProseMirrorDoc;
  /** countWords() of the document's plain text. */
  wordCount: number;
}

export const MIN_BODY_WORDS = 500;
export const MAX_BODY_WORDS = 2000;

// ---------------------------------------------------------------------------
// Vocabulary. Lists are written as "a | b | c" to keep the data compact; they
// are split once at load. Earlier entries of the general lists are picked more
// often (see zipfPick), so put everyday words first.
// ---------------------------------------------------------------------------

function list(source: string): readonly string[] {
  const items: string[] = [];
  for (const item of source.split("|")) {
    const trimmed = item.trim();
    if (trimmed !== "") items.push(trimmed);
  }
  return Object.freeze([...new Set(items)]);
}

interface CategoryBank {
  /** Singular subjects: "Pyongyang", "the Bank of Korea". */
  actors: readonly string[];
  places: readonly string[];
  /** Noun phrases used as objects: "the UN sanctions regime". */
  policies: readonly string[];
  /** Plural or mass noun phrases used as objects: "missile launches". */
  issues: readonly string[];
  /** Measurable quantities: "the won-dollar exchange rate". */
  metrics: readonly string[];
  /** Countable nouns, singular. */
  nouns: readonly string[];
  adjectives: readonly string[];
}

function bank(parts: { [K in keyof CategoryBank]: string }): CategoryBank {
  return {
    actors: list(parts.actors),
    places: list(parts.places),
    policies: list(parts.policies),
    issues: list(parts.issues),
    metrics: list(parts.metrics),
    nouns: list(parts.nouns),
    adjectives: list(parts.adjectives),
  };
}

/** Korea-wide terms every document can draw on, whatever its categories. */
const GENERAL_BANK = bank({
  actors: `Seoul | Washington | South Korea | the United States | the Korean government | the presidential office |
    the National Assembly | the ruling party | the main opposition party | the Korean public | the US administration |
    the incoming administration | Tokyo | Beijing | the Korean business community | the foreign policy establishment`,
  places: `the Korean Peninsula | Northeast Asia | the Indo-Pacific | the Seoul metropolitan area | East Asia | the Pacific`,
  policies: `the alliance | Seoul's foreign policy agenda | the bilateral relationship | the government's reform agenda |
    the national security strategy | the annual budget | the administration's economic agenda`,
  issues: `domestic politics | public opinion | geopolitical risk | economic security | regional stability | policy continuity`,
  metrics: `public approval of the government | the approval rating of the president | the share of respondents who favor engagement`,
  nouns: `government | administration | election | voter | lawmaker | ministry`,
  adjectives: `Korean | American | South Korean | regional | national`,
});

const CATEGORY_BANKS: Record<CategorySlug, CategoryBank> = {
  "north-korea": bank({
    actors: `Pyongyang | the Kim regime | North Korea | the Workers' Party of Korea | the Korean People's Army |
      the State Affairs Commission | the Central Military Commission | the Ministry of State Security |
      the North Korean leadership | the regime's propaganda department | the Supreme People's Assembly |
      the Academy of Defense Science | the Reconnaissance General Bureau | the Ministry of External Economic Relations |
      the Korean Central News Agency | the Organization and Guidance Department | the Ministry of Unification |
      the UN Panel of Experts`,
    places: `Yongbyon | Punggye-ri | the Sohae launch site | Kaesong | Sinuiju | Rason | Wonsan | Hamhung | Chongjin |
      Hyesan | Nampo | the Demilitarized Zone | the Northern Limit Line | Panmunjom | Mount Kumgang | the Tumen River |
      the Yalu River | Kangson | Sunan | Musudan-ri`,
    policies: `the UN sanctions regime | denuclearization talks | a freeze-for-freeze proposal | humanitarian exemptions |
      the maximum-pressure campaign | an arms-control approach | inter-Korean economic cooperation |
      the five-year economic plan | a declaration ending the Korean War | liaison office diplomacy |
      family reunion programs | the tactical nuclear weapons doctrine | the nuclear force-building law |
      border quarantine rules | the ban on foreign media | the anti-reactionary thought law |
      the doctrine of two hostile states | the grain procurement system`,
    issues: `missile launches | satellite launches | nuclear testing | food insecurity | market activity | defections |
      cryptocurrency theft | ship-to-ship transfers | forced labor abroad | political prison camps | border closures |
      grain imports | uranium enrichment | solid-fuel engines | hypersonic glide vehicles | balloon campaigns |
      GPS jamming | arms transfers to Russia | leadership succession | public executions`,
    metrics: `the price of rice in Pyongyang's markets | the number of defectors reaching the South | trade with China |
      the black-market exchange rate | the estimated stockpile of fissile material | the number of missile launches |
      grain production | the value of remittances from workers abroad | electricity supply in the capital |
      the count of vessels observed at Nampo`,
    nouns: `regime | provocation | launch | defector | cadre | purge | parade | plenum | broadcast | smuggler | checkpoint |
      reactor | centrifuge | test site | ration | informant | loudspeaker | leaflet`,
    adjectives: `reclusive | isolated | nuclear-armed | sanctioned | hereditary | militarized | totalitarian |
      impoverished | belligerent | autarkic | self-reliant | hermetic`,
  }),
  "economics-trade": bank({
    actors: `the Bank of Korea | the Ministry of Economy and Finance | the Ministry of Trade, Industry and Energy |
      the Korea International Trade Association | the Federation of Korean Industries | the Fair Trade Commission |
      the Office of the US Trade Representative | the Commerce Department | the National Pension Service |
      the Korea Development Institute | the Financial Services Commission | the export sector |
      the automotive industry | the shipbuilding industry | the National Assembly's budget committee`,
    places: `Busan | Incheon | Ulsan | Pohang | Gwangyang | Changwon | Pyeongtaek | Gumi | the Saemangeum reclamation zone |
      the Gyeonggi manufacturing belt | Georgia | Texas | Arizona | Mexico | Bac Ninh province`,
    policies: `the KORUS free trade agreement | the Inflation Reduction Act's tax credits | the CHIPS and Science Act |
      Section 232 tariffs | the Treasury's currency report | the Regional Comprehensive Economic Partnership |
      the CPTPP accession bid | investment screening rules | the won's managed float | macroprudential lending limits |
      the corporate value-up program | the minimum wage increase | the 52-hour workweek |
      the Indo-Pacific Economic Framework | reciprocal tariffs | rules of origin | a currency swap line | the fiscal rule`,
    issues: `household debt | export growth | inflation | interest rate hikes | capital outflows | currency volatility |
      trade deficits | tariff threats | foreign direct investment | productivity growth | youth unemployment |
      real estate prices | corporate governance | the Korea discount | supply shocks | retail investment |
      shipbuilding orders | auto exports | reshoring | overcapacity`,
    metrics: `the won-dollar exchange rate | Korea's trade surplus with the United States | household debt as a share of GDP |
      the benchmark policy rate | the value of memory chip exports | foreign direct investment into the United States |
      consumer price inflation | the KOSPI | GDP growth | the current-account balance | manufacturing employment |
      the share of exports bound for China`,
    nouns: `exporter | importer | conglomerate | shareholder | investor | lender | borrower | supply chain | value chain |
      trade deal | bond | currency | recession | rebound | downturn | boom | tariff schedule | customs union`,
    adjectives: `export-led | inflation-adjusted | protectionist | tariff-free | duty-free | price-sensitive |
      capital-intensive | labor-intensive | mercantilist | monetary | tradable | market-driven`,
  }),
  security: bank({
    actors: `the Ministry of National Defense | the Joint Chiefs of Staff | US Forces Korea | the Combined Forces Command |
      the Republic of Korea Army | the Republic of Korea Navy | the Republic of Korea Air Force |
      the Defense Acquisition Program Administration | the Nuclear Consultative Group | the Pentagon |
      the Indo-Pacific Command | the UN Command | the National Intelligence Service | Korea's defense industry |
      the Agency for Defense Development`,
    places: `Camp Humphreys | Osan Air Base | Seongju | the Yellow Sea | the East Sea | the Korea Strait | Jeju |
      Baengnyeong Island | Yeonpyeong Island | Guam | Okinawa | the Taiwan Strait | the Cheorwon valley | Gunsan`,
    policies: `extended deterrence | the Washington Declaration | the three-axis defense system |
      wartime operational control transfer | the Special Measures Agreement | the THAAD deployment |
      the Comprehensive Military Agreement | missile defense cooperation | real-time missile warning data sharing |
      combined exercises | the Korea Massive Punishment and Retaliation plan | nuclear-capable submarine visits |
      the indigenous fighter program | arms export financing | conscription reform | space-based surveillance`,
    issues: `missile defense | cyber attacks | drone incursions | artillery exchanges | nuclear sharing | burden-sharing |
      force posture | troop reductions | arms exports | conscription | military readiness | counter-battery fire |
      electronic warfare | maritime incidents | space surveillance | strategic bomber flights | joint patrols |
      reservist training`,
    metrics: `defense spending as a share of GDP | the number of US troops on the peninsula | the value of arms export contracts |
      the size of the active-duty force | the number of conscripts | procurement spending |
      the number of combined drills | the annual cost-sharing payment`,
    nouns: `battalion | brigade | division | garrison | interceptor | radar | fighter jet | howitzer | tank | frigate |
      corvette | airbase | command post | reservist | conscript | battery | sortie | war game | contingency | escalation`,
    adjectives: `combined | interoperable | forward-deployed | nuclear-capable | battle-ready | airborne | amphibious |
      long-range | short-range | precision-guided | unmanned | ballistic`,
  }),
  "alliance-diplomacy": bank({
    actors: `Washington | Seoul | Tokyo | the White House | the State Department | the presidential office in Yongsan |
      the Ministry of Foreign Affairs | the National Security Council | Congress | the Senate Foreign Relations Committee |
      the Korean embassy in Washington | the US embassy in Seoul | the trilateral secretariat | the Group of Seven |
      the National Assembly`,
    places: `Camp David | Yongsan | Capitol Hill | Foggy Bottom | Hiroshima | Madrid | Vilnius | Honolulu |
      San Francisco | Jakarta | Geneva | New York`,
    policies: `the Camp David framework | the Indo-Pacific strategy | the mutual defense treaty |
      trilateral security cooperation | the global pivotal state agenda | the NATO partnership | shuttle diplomacy |
      the 2015 comfort women agreement | the General Security of Military Information Agreement |
      visa waiver arrangements | a summit-level hotline | parliamentary exchanges | the alliance's joint vision statement |
      development assistance commitments | public diplomacy programs`,
    issues: `historical grievances | forced labor compensation | alliance management | burden-sharing talks |
      summit diplomacy | public opinion toward the alliance | nuclear latency | election-year politics |
      leadership turnover | values-based diplomacy | people-to-people ties | student exchanges`,
    metrics: `public support for the alliance | the president's approval rating | the number of summit meetings |
      the share of Koreans with favorable views of Japan | the number of Korean students in the United States | official development assistance`,
    nouns: `treaty | embassy | ambassador | consulate | delegation | hotline | caucus | resolution | apology | overture |
      rapprochement | reset | détente | envoy | protocol`,
    adjectives: `transatlantic | values-based | like-minded | postwar | colonial-era | consular | presidential |
      congressional | ministerial | interparliamentary`,
  }),
  "china-region": bank({
    actors: `Beijing | the Chinese Communist Party | China's Ministry of Commerce | the People's Liberation Army | Moscow |
      the Kremlin | ASEAN | New Delhi | Canberra | Hanoi | Taipei | Manila | the Chinese embassy in Seoul |
      the Shanghai Cooperation Organisation | Ulaanbaatar`,
    places: `the South China Sea | the Taiwan Strait | Dandong | Shenyang | Harbin | Vladivostok | Hokkaido |
      the Senkaku Islands | Dokdo | Shandong | Yanbian | the Mekong | the Strait of Malacca | Hong Kong`,
    policies: `the Belt and Road Initiative | China's economic coercion playbook | the Taiwan Relations Act |
      freedom of navigation operations | the China–Japan–Korea trilateral summit | the Quad | AUKUS |
      the Russia–North Korea partnership treaty | Seoul's Indo-Pacific strategy | rare earth export licensing |
      the unreliable entity list | group tourism bans | the Northern Economic Cooperation agenda | the New Southern Policy`,
    issues: `economic coercion | great-power competition | gray-zone tactics | maritime militias | tourism boycotts |
      cross-strait tensions | Russian arms purchases | Chinese overcapacity | illegal fishing |
      air defense identification zone incursions | ethnic Korean communities in China | Arctic shipping routes`,
    metrics: `China's share of Korean exports | the number of Chinese tourist arrivals | Korea's trade with ASEAN |
      the volume of Russian imports of North Korean shells | the number of PLA aircraft near Taiwan | Korean investment in Vietnam`,
    nouns: `superpower | hegemon | boycott | tourist | fishing fleet | coast guard | militia | incursion | flotilla |
      neighbor | buffer state | vassal state`,
    adjectives: `Sino-Korean | Sino-Japanese | cross-strait | Eurasian | authoritarian | revisionist | Sinocentric |
      littoral | archipelagic`,
  }),
  "energy-climate": bank({
    actors: `the Korea Electric Power Corporation | Korea Hydro & Nuclear Power | the Ministry of Environment |
      the Korea Gas Corporation | the Presidential Commission on Carbon Neutrality | the Korea Exchange |
      the International Energy Agency | the Green Climate Fund | the Korea Energy Agency | the nuclear industry`,
    places: `the Gori nuclear complex | Saemangeum | Ulsan's offshore wind zone | Shinan County | the Gyeongju repository |
      Dangjin | Taean | Qatar | Australia | Czechia | the Barakah plant | Alaska's North Slope`,
    policies: `the 2050 carbon-neutrality target | the emissions trading scheme | the renewable portfolio standard |
      the nuclear phase-out reversal | the basic plan for electricity | the hydrogen economy roadmap |
      small modular reactor development | the Carbon Border Adjustment Mechanism | coal phase-out commitments |
      long-term LNG contracts | offshore wind auctions | electricity tariff reform |
      the Just Energy Transition Partnership | the Global Methane Pledge`,
    issues: `electricity prices | grid congestion | nuclear waste storage | LNG imports | coal dependence |
      offshore wind permitting | hydrogen supply | carbon pricing | heatwaves | air pollution | fine dust |
      energy subsidies | stranded assets | reactor exports`,
    metrics: `the share of nuclear power in the energy mix | the volume of LNG imports | the level of greenhouse gas emissions |
      the carbon price | renewable capacity | KEPCO's operating loss | coal-fired generation |
      the retail electricity tariff`,
    nouns: `turbine | grid | substation | tanker | terminal | utility | emitter | electrolyzer | solar farm | wind farm |
      heat pump | transmission line | power plant | refinery`,
    adjectives: `low-carbon | carbon-neutral | renewable | fossil-fuel | energy-intensive | climate-related | grid-scale |
      offshore | onshore | zero-emission | decarbonized | green | clean`,
  }),
  "technology-supply-chains": bank({
    actors: `Samsung Electronics | SK hynix | LG Energy Solution | Hyundai Motor Group | the Ministry of Science and ICT |
      the Bureau of Industry and Security | the Dutch government | the Korea Semiconductor Industry Association |
      the Personal Information Protection Commission | the Chip 4 working group | POSCO Holdings |
      the battery industry | the semiconductor industry`,
    places: `Pyeongtaek | Yongin | Icheon | Cheongju | Hwaseong | Taylor, Texas | Savannah | Kumamoto | Hsinchu | Wuxi |
      Xi'an | Indonesia's nickel belt | the Democratic Republic of Congo | Chile's lithium triangle`,
    policies: `the CHIPS Act's guardrails | export controls on advanced chips | the validated end-user program |
      the foreign entity of concern rules | the K-Chips Act | the Minerals Security Partnership |
      the Yongin semiconductor cluster plan | the AI Basic Act | data localization rules | platform competition rules |
      the economic security law | technology leakage penalties | the Supply Chain Stabilization Fund |
      outbound investment screening`,
    issues: `high-bandwidth memory | advanced packaging | foundry capacity | battery materials | critical minerals |
      lithium refining | rare earths | talent shortages | technology leakage | artificial intelligence |
      cloud computing | quantum research | 6G standards | shipbuilding automation | chip smuggling | legacy chips`,
    metrics: `Korea's share of global memory output | the value of battery cell exports | the price of DRAM | investment in US fabs |
      the share of graphite sourced from China | R&D spending as a share of GDP |
      the number of semiconductor engineers | HBM revenue`,
    nouns: `chip | wafer | fab | foundry | cathode | anode | semiconductor | battery | mineral | smelter | algorithm |
      platform | startup | patent | engineer | data center | server | lithography tool | gigafactory`,
    adjectives: `high-end | cutting-edge | leading-edge | dual-use | AI-driven | data-intensive | export-controlled |
      digital | proprietary | open-source | foundational | downstream | upstream`,
  }),
  "society-culture": bank({
    actors: `the Ministry of Gender Equality and Family | the Ministry of Education | Statistics Korea |
      the Constitutional Court | Korean civil society | the National Human Rights Commission | the Korea Foundation |
      the Seoul Metropolitan Government | the Korean film industry | the National Health Insurance Service |
      the Ministry of Employment and Labor | the Korean Teachers and Education Workers Union | the music industry`,
    places: `Busan | Daegu | Gwangju | Daejeon | Jeonju | Gangnam | Sejong City | Itaewon | Hongdae |
      rural North Gyeongsang | South Jeolla | the Seoul capital area | Los Angeles' Koreatown`,
    policies: `parental leave reform | the low-fertility action plan | the employment permit system |
      the immigration agency proposal | the medical school quota increase | pension reform |
      the college entrance exam | the youth housing scheme | multicultural family support |
      the anti-discrimination bill | the cultural content export strategy | the regional balanced development plan`,
    issues: `low fertility | population aging | gender divides | the doctors' strike | regional depopulation |
      housing affordability | private tutoring | elderly poverty | migrant labor | K-pop fandoms | Korean dramas |
      streaming platforms | mental health | suicide prevention | political polarization | unification attitudes |
      hagwon spending`,
    metrics: `the total fertility rate | the share of the population over 65 | spending on private education |
      the number of foreign residents | support for unification among young Koreans | the gender wage gap |
      exports of cultural content | the youth employment rate`,
    nouns: `student | graduate | retiree | parent | caregiver | migrant | idol | drama | fandom | festival | broadcaster |
      hagwon | commuter | village | neighborhood`,
    adjectives: `generational | multicultural | intergenerational | cultural | educational | gendered | middle-class |
      suburban | aging | youthful | cosmopolitan | conformist`,
  }),
};

const GENERIC_ADJECTIVES = list(`important | significant | broader | key | new | critical | strategic | economic |
  political | long-term | difficult | clear | major | limited | recent | current | serious | growing | domestic |
  regional | international | bilateral | multilateral | practical | credible | sustainable | effective | uncertain |
  fragile | modest | ambitious | cautious | pragmatic | durable | coherent | consistent | comprehensive | incremental |
  structural | institutional | fiscal | diplomatic | technical | legal | public | private | competitive | vulnerable |
  resilient | volatile | predictable | unprecedented | substantial | marginal | decisive | persistent | temporary |
  permanent | costly | risky | promising | controversial | contentious | sensitive | delicate | awkward | narrow |
  wide-ranging | far-reaching | short-lived | open-ended | coordinated | fragmented | asymmetric | reciprocal |
  transactional | ideological | rhetorical | symbolic | tangible | measurable | underlying | hidden | visible |
  explicit | implicit | formal | informal | bureaucratic | legislative | judicial | electoral | partisan | bipartisan |
  populist | nationalist | conservative | progressive | liberal | centrist | hawkish | dovish | assertive | defensive |
  reactive | proactive | coercive | punitive | preventive | pre-emptive | conventional | unconventional |
  sophisticated | rudimentary | outdated | emerging | mature | nascent | declining | stagnant | buoyant | sluggish |
  robust | anemic | inflationary | deflationary | speculative | opaque | transparent | accountable | legitimate |
  illicit | clandestine | covert | overt | deliberate | inadvertent | gradual | abrupt | sudden | belated | overdue |
  premature | timely | lasting | fleeting | piecemeal | sweeping | bold | timid | muted | heated | lukewarm |
  enthusiastic | skeptical | ambivalent | wary | reluctant | hesitant | divided | unified | polarized | cohesive |
  brittle | flexible | rigid | adaptive | innovative | disruptive | transformative | stabilizing | destabilizing |
  escalatory | conciliatory | confrontational | cooperative | adversarial | zero-sum | lopsided | balanced | uneven |
  disproportionate | inadequate | sufficient | excessive | prudent | reckless | shrewd | naive | cynical | realistic |
  idealistic | plausible | implausible | dubious | compelling | persuasive | tenuous | tentative | provisional |
  conditional | unconditional | binding | non-binding | voluntary | mandatory | granular | systemic | cyclical |
  secular | demographic | technological | industrial | commercial | maritime | territorial | nuclear | kinetic |
  hybrid | cross-border | transnational | trilateral | minilateral | peninsular | continental | global | parochial |
  provincial | municipal | rural | urban | coastal | inland | northern | southern | overlooked | underappreciated |
  unglamorous | painstaking | lopsided | quixotic | byzantine | labyrinthine | perfunctory | salutary | ineffectual |
  intractable | irreversible | verifiable | enforceable | untested | unproven | expedient | opportunistic |
  acute | adequate | aggressive | ambiguous | anomalous | apparent | arbitrary | austere | autonomous | benign |
  blunt | candid | catastrophic | chronic | circumspect | clumsy | collective | combative | compatible | complacent |
  complex | concerted | concrete | confident | constructive | contingent | convoluted | creeping | crude |
  cumbersome | customary | dangerous | decentralized | defiant | deliberative | dependable | diffuse |
  discretionary | disorderly | distinct | distorted | dormant | dramatic | dysfunctional | elaborate | elusive |
  embattled | entrenched | episodic | erratic | evasive | evolving | exceptional | exclusive | exhaustive |
  expansive | experimental | fledgling | forceful | formidable | fraught | frugal | futile | generous | genuine |
  haphazard | hard-won | harsh | heavy-handed | hidebound | high-stakes | hollow | hostile | imminent | impartial |
  imperfect | impractical | improvised | incoherent | inconclusive | independent | indispensable | ineffective |
  inevitable | inflexible | influential | insular | intensive | intermittent | inward-looking | irregular | latent |
  lax | lenient | lingering | low-key | makeshift | manageable | meaningful | measured | mediocre | messy |
  meticulous | militant | minimal | misguided | moribund | mutual | negligible | nimble | notable | novel | obscure |
  obsolete | onerous | operational | orderly | outspoken | overlapping | painful | palpable | paralyzed | partial |
  patient | peculiar | perilous | peripheral | pivotal | pointed | porous | potent | precarious | precise |
  pressing | prevailing | principled | prolonged | prominent | protracted | provocative | punishing | radical |
  rapid | rash | receptive | redundant | relentless | remote | renewed | restrained | restrictive | rickety |
  rocky | routine | scattered | sclerotic | seamless | selective | shaky | shifting | slender | slippery | sober |
  solid | sporadic | stark | steep | sterile | stubborn | subtle | superficial | supportive | surprising |
  suspicious | tepid | thorough | thorny | tortuous | toxic | turbulent | unclear | underfunded | uneasy |
  unresolved | unstable | unsustainable | untenable | urgent | vague | viable | vigorous | vocal | wasteful |
  watchful | wholesale | widening | workable | yawning | obdurate | recalcitrant | mercurial | desultory |
  sanguine | inchoate | prescient | feckless | hortatory | salient | tendentious | vexed | pyrrhic | Sisyphean |
  Janus-faced | Faustian | Kafkaesque | Machiavellian | Wilsonian | Hobbesian | Panglossian`);

/** Countable nouns; "singular:plural" where the plural is irregular. */
const GENERIC_NOUNS =
  list(`approach | framework | policy | strategy | challenge | question | risk | priority | interest |
  concern | goal | objective | option | trade-off | incentive | constraint | commitment | signal | message | response |
  decision | debate | argument | assumption | assessment | estimate | forecast | scenario | trend | pattern | shift |
  change | reform | initiative | proposal | agreement | arrangement | mechanism | institution | partnership |
  relationship | dialogue | negotiation | channel | process | effort | campaign | measure | step | tool | instrument |
  lever | mandate | obligation | guarantee | assurance | threat | vulnerability | weakness | strength | advantage |
  opportunity | dilemma | paradox | tension | dispute | conflict | crisis | standoff | deadlock | impasse |
  breakthrough | setback | turning point | milestone | benchmark | indicator | baseline | threshold | ceiling | target |
  budget | subsidy | tariff | quota | loan | grant | investment | export | import | market | sector | industry | firm |
  supplier | customer | consumer | worker | household | region | province | city | border | coastline | island |
  port | corridor | network | hub | bottleneck | chokepoint | pipeline | facility | plant | factory | site | base |
  deployment | exercise | drill | patrol | capability | deterrent | arsenal | stockpile | warhead | missile |
  launcher | satellite | sensor | drone | submarine | destroyer | regulation | law | bill | statute | ruling | court |
  coalition | party | faction | leader | minister | official | diplomat | negotiator | regulator | analyst |
  observer | critic | advocate | skeptic | stakeholder | ally | partner | rival | competitor | adversary | audience |
  narrative | perception | expectation | anxiety | grievance | legacy | precedent | lesson | blind spot | gap |
  mismatch | shortfall | surplus | deficit | imbalance | spillover | backlash | headwind | tailwind | dividend |
  windfall | premium | discount | hedge | buffer | safeguard | loophole | workaround | carve-out | exemption |
  waiver | sanction | penalty | reward | concession | demand | red line | deadline | timeline | roadmap | blueprint |
  template | playbook | doctrine | posture | stance | outlook | horizon | window | juncture | moment | era | decade |
  generation | cohort | survey | poll | study | dataset | report | paper | memo | readout | communiqué | declaration |
  statement | speech | summit | visit | meeting | forum | conference | hearing | briefing | caveat | contradiction |
  fault line | wildcard | litmus test | stopgap | bellwether | accord | actor | adjustment | agency | alignment |
  allocation | amendment | appetite | architecture | arena | asset | audit | authority | axis | bargain | barrier |
  battleground | bloc | boundary | breach | bridge | broker | bureau | cabinet | calculation | candidate | cartel |
  catalyst | charter | clause | cluster | commission | compact | compromise | condition | confrontation |
  consensus | consortium | constituency | consultation | contest | contract | contractor | council | counterpart |
  coup | covenant | crackdown | credential | critique | custodian | cycle | dealmaker | default | delegate |
  dependency | deputy | detour | directive | downside | draft | driver | edifice | electorate |
  embargo:embargoes | enclave | endgame | enterprise | episode | equilibrium | experiment | exposure | facade |
  factor | feedback loop | fiction | flashpoint | footprint | formula | foundation | fracture | frontier | gambit |
  gesture | gridlock | guardrail | guideline | handshake | hardliner | holdout | hotspot | hypothesis | identity |
  illusion | impulse | incident | inflection point | inquiry | insider | inspection | instinct | interlocutor |
  interval | inventory | irritant | jurisdiction | landmark | landscape | lapse | lawsuit | layer | lens |
  liability | lifeline | limitation | linchpin | mainstay | maneuver | margin | mediator | memorandum | metric |
  middleman:middlemen | minefield | misstep | moratorium | motive | multiplier | norm | notion | offensive |
  outcome | outlier | overreach | pact | paradigm | parameter | pathway | patron | pendulum | phase | pillar |
  pitfall | pledge | premise | pressure point | pretext | principle | probe | profile | prognosis | projection |
  prospect | protest | proxy | puzzle | quagmire | rationale | reckoning | referendum | refrain | rehearsal |
  remedy | reprieve | reservation | reservoir | retreat | review | rift | rollout | rubric | safety valve |
  scandal | scapegoat | schedule | scheme | script | sequence | settlement | showdown | slogan | slowdown |
  snapshot | spectrum | spiral | spoiler | stalemate | stress test | stronghold | subtext | successor | surge |
  tactic | taboo | tightrope | tipping point | trajectory | tranche | transition | trapdoor | trigger | truce |
  ultimatum | undercurrent | upheaval | upswing | vacuum | variable | venue | verdict | veto:vetoes | vision |
  watchdog | wedge | whistleblower | yardstick`);

/** Verbs: "base", "base*" doubles the final consonant (spur → spurred), "base:past" for irregular pasts. */
const GENERIC_VERBS =
  list(`strengthen | undermine | reshape | complicate | constrain | accelerate | reinforce | expand |
  revisit | prioritize | sustain | deepen | test | signal | address | adjust | advance | affirm | align | alter |
  amplify | anchor | anticipate | articulate | assess | balance | bolster | broaden | calibrate | challenge | clarify |
  codify | compound | contain | counter | curtail | defer* | delay | demonstrate | deter* | diversify | downplay |
  elevate | embrace | emphasize | endorse | enforce | engage | entrench | erode | escalate | expose | extend |
  facilitate | finance | formalize | foster | frame | galvanize | gauge | harmonize | hedge against | highlight |
  ignore | illuminate | impose | improve | institutionalize | integrate | intensify | internationalize | jeopardize |
  justify | leverage | liberalize | limit | loosen | maintain | manage | mitigate | mobilize | moderate | modernize |
  monitor | narrow | navigate | neutralize | normalize | obscure | offset*:offset | operationalize | outline | overhaul |
  overstate | pause | preserve | pressure | protect | question | reassess | rebalance | recalibrate | reconcile |
  reconsider | redefine | reduce | reframe | regulate | reject | relaunch | replace | resist | resolve | restore |
  restrict | resume | revive | scrutinize | secure | shape | shield | sideline | simplify | soften | stabilize |
  standardize | strain | streamline | subsidize | supplant | tighten | tolerate | transform | understate | unlock |
  update | upgrade | validate | weaken | welcome | widen | de-risk | fast-track | stress-test | spur* | scrap* |
  outstrip* | plan* for | cap* | rebuild:rebuilt | uphold:upheld | withhold:withheld | undercut*:undercut |
  sidestep* | short-circuit | jump-start | water down | double down on | walk back | roll back | push back against |
  absorb | accommodate | acquire | activate | adapt | administer | allocate | alleviate | amend | annul* | appease |
  arbitrate | assert | attenuate | augment | authorize | bankroll | bypass | centralize | champion | circumvent |
  coerce | compel* | complement | compress | concede | condemn | confront | conserve | consolidate | contest |
  convene | co-opt | corrode | court | cultivate | decentralize | deflect | degrade | delegate | deploy |
  deregulate | destabilize | devolve | dilute | disrupt | distort | dramatize | duplicate | electrify | eliminate |
  empower | encircle | encourage | endanger | energize | enlarge | envision | evade | exacerbate | exaggerate |
  exploit | fortify | fragment | harden | hijack | hollow out | impede | incentivize | inflate | insulate |
  intimidate | invigorate | isolate | legitimize | localize | marginalize | militarize | minimize | misjudge |
  misread:misread | nationalize | nurture | obstruct | orchestrate | outpace | overextend | overshadow | paralyze |
  penalize | politicize | postpone | precipitate | privatize | prolong | propel* | provoke | publicize | quantify |
  radicalize | rationalize | ratify | recast:recast | reconfigure | rectify | redirect | reinvigorate | rejuvenate |
  relax | relocate | reorganize | repackage | repeal | repurpose | rescind | reshuffle | retaliate against |
  retool | revamp | sabotage | safeguard | sanction | securitize | shore up | skew | solidify | spotlight |
  squander | stifle | stymie | supersede | suppress | tame | thwart | trigger | unravel | unsettle | upend | usurp |
  vindicate | weaponize | whitewash`);

const ADVERBS = list(`quietly | steadily | gradually | sharply | openly | publicly | privately | repeatedly |
  consistently | increasingly | largely | partly | broadly | explicitly | implicitly | formally | deliberately |
  reluctantly | cautiously | aggressively | decisively | tentatively | belatedly | abruptly | quickly | slowly |
  carefully | effectively | successfully | initially | eventually | briefly | temporarily | markedly | modestly |
  substantially | significantly | dramatically | visibly | systematically | selectively | unilaterally | jointly |
  collectively | pragmatically | strategically | tactically | rhetorically | symbolically | nominally | indirectly |
  directly | frequently | occasionally | routinely | persistently | unexpectedly | predictably | conspicuously |
  discreetly | hastily | methodically | vigorously | halfheartedly | grudgingly | assiduously | tacitly |
  adroitly | ambiguously | bluntly | candidly | categorically | clumsily | conclusively | conditionally | credibly |
  cynically | definitively | diligently | doggedly | emphatically | evidently | expressly | fitfully | firmly |
  flatly | forcefully | gingerly | haltingly | incrementally | inadvertently | inexorably | irrevocably |
  meticulously | narrowly | nervously | obliquely | overtly | patiently | perfunctorily | plainly | pointedly |
  pre-emptively | prudently | readily | resolutely | shrewdly | sparingly | squarely | stubbornly |
  unambiguously | unequivocally | vaguely | warily | wholeheartedly | reflexively | opportunistically`);

const TRANSITIONS = list(`However, | Moreover, | At the same time, | Still, | In practice, | For now, | Crucially, |
  By contrast, | In other words, | To be sure, | Even so, | Meanwhile, | Put simply, | As a result, |
  More broadly, | Notably, | Ultimately, | On balance, | That said, | Perhaps more importantly, | In this context, |
  Against this backdrop, | Taken together, | Predictably, | Unsurprisingly, | Paradoxically, | Tellingly, |
  Seen this way, | Beyond that, | For its part, | In fairness, | Equally, | Conversely, | Admittedly, |
  In the meantime, | Looking ahead, | In hindsight, | Without question, | Above all, | By the same token,`);

const HEDGES = list(`arguably | in all likelihood | at least for now | by most accounts | on paper at least |
  for better or worse | in the near term | as things stand | to some degree | at the margin | in principle |
  for the time being | by any reasonable measure | if only partially`);

const QUESTION_ADJECTIVES =
  list(`central | harder | more urgent | open | underlying | practical | uncomfortable | deeper |
  real | immediate | larger | unanswered`);

/** Past participle | simple past of verbs of movement, for metrics. */
const MOVEMENTS: readonly (readonly [string, string])[] = [
  ["risen", "rose"],
  ["fallen", "fell"],
  ["grown", "grew"],
  ["declined", "declined"],
  ["climbed", "climbed"],
  ["slipped", "slipped"],
  ["jumped", "jumped"],
  ["contracted", "contracted"],
  ["surged", "surged"],
  ["dropped", "dropped"],
  ["edged up", "edged up"],
  ["plunged", "plunged"],
  ["rebounded", "rebounded"],
];

const EXTREMES = list(`highest | lowest | strongest | weakest`);
const MULTIPLES = list(`twice | three times | four times | almost double | roughly half | nearly triple`);
const COUNT_WORDS = list(`two | three | several | good | at least two | a handful of`);
const TITLE_COUNTS = list(`Two | Three | Four | Five | Six | Seven`);
const SPEED_WORDS = list(`quickly | decisively | openly | soon | bluntly | publicly`);

const SOURCES = list(`figures from the Bank of Korea | data from Statistics Korea | customs data |
  estimates by the Korea Development Institute | surveys by Gallup Korea | figures from the Ministry of Unification |
  IMF estimates | World Bank data | OECD figures | estimates from private consultancies |
  satellite imagery analyzed by independent researchers | UN trade statistics | company filings |
  polling by the Asan Institute | data compiled by the Korea International Trade Association |
  the institute's own tracking | estimates in a recent congressional report`);

const CITIES = list(`Washington | Seoul | Tokyo | Beijing | Brussels | Canberra | New Delhi | Hanoi | Jakarta | Manila |
  Taipei | Moscow | Ottawa | London | Paris | Berlin | Singapore | Warsaw | Ankara | Riyadh`);

const ORGANIZATIONS = list(`the IMF | the WTO | the UN Security Council | ASEAN | the G7 | the G20 | NATO | the OECD |
  APEC | the IAEA | the World Bank | the Asian Development Bank | the European Union | the UN Human Rights Council`);

const MONTHS = list(`January | February | March | April | May | June | July | August | September | October |
  November | December`);

/**
 * Rare, specific names: each appears in only a few documents. Code words and
 * counties are combined with a frame by position so each word is used once.
 */
const RARE_TERMS: readonly string[] = (() => {
  const named = list(`the Agreed Framework | the Sunshine Policy | Nordpolitik | the Six-Party Talks |
    the Leap Day Agreement | the Panmunjom Declaration | the September 19 Pyongyang Joint Declaration |
    the 1965 Treaty on Basic Relations | the 1991 Basic Agreement | the 1953 Armistice Agreement |
    the Kim–Obuchi Declaration | the Plaza Accord | the Cheonan sinking | the Yeonpyeong shelling |
    the Arduous March | the Hanoi summit | the Singapore summit | the Trust-Building Process |
    the Dresden Initiative | Ulchi Freedom Shield | Freedom Edge | Foal Eagle | Key Resolve | Vigilant Storm |
    the Ssangyong amphibious drills | the Asian financial crisis | the Sewol ferry disaster | the candlelight protests |
    the Wassenaar Arrangement | the Nuclear Suppliers Group | the Missile Technology Control Regime |
    the Proliferation Security Initiative | the Hwasong-18 | the Hwasong-19 | the Pukguksong-3 |
    the Haeil underwater drone | the Malligyong-1 satellite | the Chollima-1 rocket | the KF-21 Boramae |
    the K2 Black Panther | the K9 Thunder | the Chunmoo launcher | the L-SAM interceptor | the Hyunmoo-5 |
    the Dosan Ahn Changho submarine | the APR-1400 reactor | the i-SMR design | the Shin Hanul units |
    the Saemangeum jamboree | the Yongin mega-cluster | the Hydrogen Economy Act | the Gaeseong liaison office |
    the Geumgangsan tourism project | the Rajin–Khasan railway | the Tumen River Area Development Programme |
    the Ryugyong Hotel | the Masikryong ski resort | the Kalma coastal resort | the Samjiyon redevelopment |
    the Chongchon River dam | the Hwanggumpyong economic zone | the Wihwa Island project | the Sinpo shipyard |
    the Mayang Island submarine base | the Sohae engine stand | the Tonghae launch complex | the Uiju airfield`);
  const codeWords = list(`Heron | Kestrel | Juniper | Cobalt | Lantern | Meridian | Halcyon | Osprey | Sable |
    Tamarisk | Vermilion | Wren | Zephyr | Basalt | Cinder | Driftwood | Ember | Fennel | Garnet | Hawthorn | Indigo |
    Jasper | Kelpie | Larch | Marigold | Nimbus | Obsidian | Pelican | Quartz | Rowan | Saffron | Thistle | Umber |
    Vireo | Willow | Yarrow | Alder | Bramble | Cormorant | Dunlin | Albatross | Bittern | Cypress | Dogwood | Egret |
    Falconer | Gannet | Hemlock | Ibis | Jacaranda | Kittiwake | Laurel | Magpie | Nightjar | Oriole | Petrel |
    Quail | Redstart | Sandpiper | Tanager | Verdigris | Warbler | Xylem | Yellowhammer | Zinnia | Anemone |
    Bluebell | Camellia | Dahlia | Edelweiss | Foxglove | Gardenia | Heather | Jonquil | Kingfisher | Lilac |
    Mistral | Nettle`);
  const codeFrames = ["Project *", "Operation * Shield", "the * Initiative", "the * Protocol", "Exercise * Watch"];
  const counties = list(`Hoeryong | Musan | Onsong | Kapsan | Pyongsong | Sariwon | Haeju | Kanggye | Manpo |
    Tanchon | Kilju | Samjiyon | Sonbong | Unggi | Kusong | Chasong | Hwasong | Kimchaek | Kowon | Pukchang |
    Goesan | Hwacheon | Yanggu | Inje | Jeongseon | Yeongwol | Bonghwa | Uiseong | Hapcheon | Haenam | Wando |
    Jindo | Goheung | Boseong | Sancheong | Hamyang | Geochang | Namhae | Tongyeong | Samcheok | Taebaek |
    Uljin | Yeongdeok | Cheongsong | Muju | Jangsu | Sunchang | Gokseong | Gurye | Damyang | Goseong | Yangyang |
    Hongcheon | Pyeongchang | Danyang | Okcheon | Yeongdong | Boeun | Jincheon | Seocheon | Buyeo | Cheongyang |
    Yesan | Gimje | Buan | Gochang | Yeonggwang | Jangseong | Hwasun | Yeongam | Gangjin | Uiryeong |
    Changnyeong | Goryeong | Chilgok | Gunwi | Yeongyang | Ulleung | Kyongsong | Orang`);
  const countyFrames = ["* County", "the * district", "the * uplands", "* township"];
  const ships = list(`Arirang Dawn | Baekdu Crane | Chilbo Star | Daedong Spirit | Eunha Voyager | Geumgang Swift |
    Hallasan Trader | Jindallae | Kumsusan Wave | Myohyang Light | Nakdong Breeze | Odaesan Glory | Pyolbit |
    Rangrim Carrier | Seorak Meridian | Taedong Pioneer | Ullung Harmony | Wolmi Venture | Yeongil Horizon |
    Amnok Tide | Blue Magnolia | Cheonji Osprey | Dasarang | Golden Persimmon | Morning Kelp | Pine Lark |
    Silver Anchovy | Sunrise Tern | Yellow Rooster | Emerald Loach | Crimson Heron | Silver Birch | Jade Current |
    Azure Finch | Hanbit Mariner | Pearl of Rason | Golden Magpie | Taebaek Spirit | East Wind 3 | Ocean Sparrow |
    Kumgang Bay | Red Camellia | Pacific Juniper | Nampo Pride | Harmony Bell | Tiger Lily | Seagull 17 |
    Northern Grace | Wandering Crane | Quiet Harbor`);
  return Object.freeze([
    ...named,
    ...codeWords.map((word, i) => (codeFrames[i % codeFrames.length] as string).replace("*", word)),
    ...counties.map((name, i) => (countyFrames[i % countyFrames.length] as string).replace("*", name)),
    ...ships.map((name) => `the MV ${name}`),
  ]);
})();

/** Hangul, kanji and hanzi with an English gloss; used in a few percent of documents. */
const CJK_PLACES = list(`평양 (Pyongyang) | 서울 (Seoul) | 부산 (Busan) | 인천 (Incheon) | 개성 (Kaesong) |
  東京 (Tokyo) | 大阪 (Osaka) | 福岡 (Fukuoka) | 北京 (Beijing) | 上海 (Shanghai) | 丹东 (Dandong) | 沈阳 (Shenyang)`);
const CJK_TERMS = list(`김정은 (Kim Jong Un) | 통일부 (the Ministry of Unification) | 국회 (the National Assembly) |
  재벌 (chaebol) | 한류 (the Korean Wave) | 북한 (North Korea) | 대한민국 (the Republic of Korea) |
  개성공단 (the Kaesong Industrial Complex) | 반도체 (semiconductors) | 저출산 (low fertility) |
  조선중앙통신 (the Korean Central News Agency) | 노동신문 (Rodong Sinmun) | 주체 (Juche) | 눈치 (nunchi) |
  外務省 (Japan's Foreign Ministry) | 経済安全保障 (economic security) | 日韓関係 (Japan–Korea relations) |
  習近平 (Xi Jinping) | 一带一路 (the Belt and Road) | 人民日报 (People's Daily) | 外交部 (China's Foreign Ministry) |
  共同富裕 (common prosperity)`);

/** Invented people quoted in the prose; the accented ones are picked less often. */
const EXPERT_NAMES = list(`Lee Soo-jin | Choi Hyun-seok | Jung Da-eun | Han Seung-min | Kwon Yu-na | Tanaka Hiroshi |
  Sato Yumi | Nakamura Ren | Chen Jing | Liu Yang | Huang Mei | Sarah Whitman | David Kessler | Laura Pennington |
  Michael Harrow | Ananya Rao | Tran Minh Duc | Olga Petrova | James Adeyemi | Hannah Becker | Robert Tillman |
  Grace Yoo | Kevin Ostrander | Maria Castellano`);
const ACCENTED_EXPERT_NAMES = list(`Rüdiger Brandt | Helga Müller | José Martínez | Zoë Laurent | Søren Holm |
  François Perrin | Łukasz Wiśniewski | Björn Åkesson | Inês Carvalho | Tomáš Dvořák | Ángela Ibáñez |
  Jürgen Schäfer | Anaïs Lefèvre | Göran Lindström | Małgorzata Nowak`);
const EXPERT_ROLES = list(`a former deputy nuclear negotiator | a professor of international relations |
  a senior economist at an investment bank in Seoul | a retired rear admiral | a researcher at a Tokyo think tank |
  a former official at the Ministry of Unification | a trade lawyer in Washington | a former ambassador |
  a sanctions investigator | a historian of the Korean War | a senior analyst at a risk consultancy |
  a former congressional staffer | a defector who now runs a research center | a shipping analyst |
  an energy economist | a venture investor in Pangyo | a demographer`);
const ANONYMOUS_SPEAKERS = list(`one senior official | a former negotiator | a diplomat familiar with the talks |
  an executive at a major exporter | a lawmaker on the defense committee | one veteran observer |
  a senior military officer | an adviser to the presidential office | a banker in Yeouido`);

const STAFF = AUTHORS.filter((author) => author.affiliation === INSTITUTE_NAME);
const PRESIDENT_NAME = (AUTHORS.find((author) => author.title === "President") ?? { name: "the president" }).name;
const BLOG_SERIES_NAME = (SERIES.find((series) => series.slug === "the-peninsula") ?? SERIES[0]).name;

// ---------------------------------------------------------------------------
// Morphology, computed once at load.
// ---------------------------------------------------------------------------

interface Verb {
  base: string;
  third: string;
  past: string;
  gerund: string;
}

interface Noun {
  one: string;
  many: string;
}

const VOWELS = "aeiou";

function isConsonant(char: string | undefined): boolean {
  return char !== undefined && char >= "a" && char <= "z" && !VOWELS.includes(char);
}

/** Applies a suffix rule to the first word of a phrasal verb ("plan for" → "planned for"). */
function inflectHead(phrase: string, inflect: (word: string) => string): string {
  const space = phrase.indexOf(" ");
  return space < 0 ? inflect(phrase) : inflect(phrase.slice(0, space)) + phrase.slice(space);
}

function thirdPerson(word: string): string {
  if (word.endsWith("s") || word.endsWith("x") || word.endsWith("z") || word.endsWith("ch") || word.endsWith("sh")) {
    return word + "es";
  }
  if (word.endsWith("y") && isConsonant(word[word.length - 2])) return word.slice(0, -1) + "ies";
  return word + "s";
}

function makeVerb(entry: string): Verb {
  const [head = entry, irregularPast] = entry.split(":");
  const doubles = head.includes("*");
  const base = head.replace("*", "");
  const double = (word: string): string => (doubles ? word + word.slice(-1) : word);
  const past = (word: string): string => {
    if (word.endsWith("e")) return word + "d";
    if (word.endsWith("y") && isConsonant(word[word.length - 2])) return word.slice(0, -1) + "ied";
    return double(word) + "ed";
  };
  const gerund = (word: string): string => {
    if (word.endsWith("ie")) return word.slice(0, -2) + "ying";
    if (word.endsWith("e") && !word.endsWith("ee")) return word.slice(0, -1) + "ing";
    return double(word) + "ing";
  };
  return {
    base,
    third: inflectHead(base, thirdPerson),
    past: irregularPast ?? inflectHead(base, past),
    gerund: inflectHead(base, gerund),
  };
}

function plural(noun: string): string {
  if (noun.endsWith("is")) return noun.slice(0, -2) + "es"; // crisis → crises
  if (noun.endsWith("y") && isConsonant(noun[noun.length - 2])) return noun.slice(0, -1) + "ies";
  if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) return noun + "es";
  return noun + "s";
}

/** Nouns that are the same in the plural. */
const INVARIANT_PLURALS = new Set(["chaebol", "hagwon"]);

/** "noun" or "singular:plural" for irregular plurals. */
function makeNoun(entry: string): Noun {
  const [one = entry, irregularPlural] = entry.split(":");
  return { one, many: irregularPlural ?? (INVARIANT_PLURALS.has(one) ? one : plural(one)) };
}

const AN_PREFIX_EXCEPTIONS = ["uni", "use", "usu", "uti", "eu", "one"];
const LETTERS_SAID_WITH_VOWEL = "AEFHILMNORSX";

/** "a" or "an" + phrase, by the sound of its first letter (handles "an LNG", "a US-led", "a unified"). */
function withArticle(phrase: string): string {
  const first = phrase[0] ?? "";
  const second = phrase[1] ?? "";
  if (first >= "A" && first <= "Z" && second >= "A" && second <= "Z") {
    return (LETTERS_SAID_WITH_VOWEL.includes(first) ? "an " : "a ") + phrase;
  }
  const lower = phrase.toLowerCase();
  if (!VOWELS.includes(lower[0] ?? "")) return "a " + phrase;
  for (const prefix of AN_PREFIX_EXCEPTIONS) if (lower.startsWith(prefix)) return "a " + phrase;
  return "an " + phrase;
}

const VERBS: readonly Verb[] = GENERIC_VERBS.map(makeVerb);
const NOUNS: readonly Noun[] = GENERIC_NOUNS.map(makeNoun);
const CATEGORY_NOUNS = new Map<CategoryBank, readonly Noun[]>(
  [GENERAL_BANK, ...Object.values(CATEGORY_BANKS)].map((b) => [b, b.nouns.map(makeNoun)]),
);

const CATEGORY_BY_NAME = new Map<string, CategoryBank>(
  CATEGORIES.map((category) => [category.name.toLowerCase(), CATEGORY_BANKS[category.slug]]),
);

// ---------------------------------------------------------------------------
// Per-document state.
// ---------------------------------------------------------------------------

/** The terms one document keeps coming back to, as real articles do. */
interface DocVocabulary {
  banks: readonly CategoryBank[];
  actors: readonly string[];
  places: readonly string[];
  policies: readonly string[];
  issues: readonly string[];
  metrics: readonly string[];
  nouns: readonly Noun[];
  adjectives: readonly string[];
  rareTerms: readonly string[];
}

interface Context {
  random: Random;
  vocab: DocVocabulary;
  /** Cross-lingual names appear only in these documents. */
  multilingual: boolean;
  lastActor: string;
  guest: string;
}

/** Share of picks that come from the document's own focus terms rather than its whole banks. */
const FOCUS_SHARE = 0.8;

function sampleUpTo<T>(random: Random, items: readonly T[], n: number): T[] {
  return random.sample(items, Math.min(n, items.length));
}

/** Focus terms: most from the primary category, a few from the others and the general bank. */
function focusTerms(
  random: Random,
  banks: readonly CategoryBank[],
  field: keyof CategoryBank,
  primaryCount: number,
): string[] {
  const [primary, ...others] = banks;
  const terms = primary ? sampleUpTo(random, primary[field], primaryCount) : [];
  for (const other of others) terms.push(...sampleUpTo(random, other[field], 1));
  return terms;
}

function buildVocabulary(random: Random, categoryNames: readonly string[], index: number): DocVocabulary {
  const banks: CategoryBank[] = [];
  for (const name of categoryNames) {
    const found = CATEGORY_BY_NAME.get(name.toLowerCase());
    if (found && !banks.includes(found)) banks.push(found);
  }
  banks.push(GENERAL_BANK);
  const nounBanks = banks.flatMap((b) => CATEGORY_NOUNS.get(b) ?? []);
  // Walking the rare bank with a stride spreads every term over the archive;
  // the random extras make their pattern less regular.
  const rareTerms = [RARE_TERMS[(index * 37 + 11) % RARE_TERMS.length] as string];
  const extraRare = random.int(0, 2);
  for (let i = 0; i < extraRare; i++) rareTerms.push(random.pick(RARE_TERMS));
  return {
    banks,
    actors: focusTerms(random, banks, "actors", 3),
    places: focusTerms(random, banks, "places", 3),
    policies: focusTerms(random, banks, "policies", 4),
    issues: focusTerms(random, banks, "issues", 4),
    metrics: focusTerms(random, banks, "metrics", 2),
    nouns: sampleUpTo(random, nounBanks, 6),
    adjectives: focusTerms(random, banks, "adjectives", 3),
    rareTerms,
  };
}

/** Skewed pick: early items come up far more often, giving a Zipf-like spread. */
function zipfPick<T>(random: Random, items: readonly T[]): T {
  const x = random.next();
  return items[Math.floor(x * x * items.length)] as T;
}

function focusOrBank(c: Context, focus: readonly string[], field: keyof CategoryBank): string {
  if (c.random.next() < FOCUS_SHARE && focus.length > 0) return c.random.pick(focus);
  return c.random.pick(c.random.pick(c.vocab.banks)[field]);
}

function pickNoun(c: Context): Noun {
  return c.random.chance(0.4) ? c.random.pick(c.vocab.nouns) : zipfPick(c.random, NOUNS);
}

function pickAdjective(c: Context): string {
  return c.random.chance(0.25) ? c.random.pick(c.vocab.adjectives) : zipfPick(c.random, GENERIC_ADJECTIVES);
}

function pickActor(c: Context): string {
  const actor = focusOrBank(c, c.vocab.actors, "actors");
  c.lastActor = actor;
  return actor;
}

/** "Seoul's", but "the United States'". */
function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

function pickOtherActor(c: Context): string {
  for (let attempt = 0; attempt < 4; attempt++) {
    const actor = focusOrBank(c, c.vocab.actors, "actors");
    if (actor !== c.lastActor) return actor;
  }
  return c.random.pick(CITIES);
}

/** Accented names stay rare outside multilingual documents, so searching for them finds a few hits. */
function pickExpert(c: Context): string {
  const accentedShare = c.multilingual ? 0.5 : 0.01;
  return c.random.chance(accentedShare) ? c.random.pick(ACCENTED_EXPERT_NAMES) : c.random.pick(EXPERT_NAMES);
}

function withThousands(n: number): string {
  const digits = String(n);
  if (digits.length <= 3) return digits;
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.join(",");
}

function percent(c: Context): string {
  const whole = c.random.int(1, 60);
  const value = c.random.chance(0.5) ? `${whole}.${c.random.int(1, 9)}` : String(whole);
  return c.random.chance(0.7) ? `${value} percent` : `${value}%`;
}

function money(c: Context): string {
  const amount = c.random.chance(0.5) ? String(c.random.int(2, 950)) : `${c.random.int(1, 99)}.${c.random.int(1, 9)}`;
  if (c.random.chance(0.2)) return `₩${amount} trillion`;
  return `$${amount} ${c.random.pick(["million", "billion", "billion", "billion"])}`;
}

/** Two years a few apart, for "between {YRANGE}" and "{YSPAN}". */
function yearPair(c: Context): [number, number] {
  const start = c.random.int(2010, 2022);
  return [start, c.random.int(start + 1, Math.min(2026, start + 8))];
}

/** "5 of the past 8 quarters": the part never exceeds the whole. */
function quarters(c: Context): string {
  const total = c.random.int(4, 16);
  return `${c.random.int(2, total)} of the past ${total} quarters`;
}

function eventDate(c: Context): string {
  return `${c.random.pick(MONTHS)} ${c.random.int(1, 28)}, ${c.random.int(2012, 2026)}`;
}

// ---------------------------------------------------------------------------
// Templates: "{A} has {Ved} {P}." Slots are resolved at compile time.
// ---------------------------------------------------------------------------

interface Slot {
  fill: (c: Context) => string;
  /** Whether a bold/italic/link mark may wrap this slot's text. */
  markable: boolean;
}

type Template = readonly (string | Slot)[];

const plain = (fill: (c: Context) => string): Slot => ({ fill, markable: false });
const markable = (fill: (c: Context) => string): Slot => ({ fill, markable: true });

function capitalizeFirst(text: string): string {
  const code = text.charCodeAt(0);
  return code >= 97 && code <= 122 ? String.fromCharCode(code - 32) + text.slice(1) : text;
}

/** Fills a template without marks, for nested slots such as quotes. */
function fillPlain(c: Context, template: Template): string {
  const out: string[] = [];
  for (const part of template) out.push(typeof part === "string" ? part : part.fill(c));
  return out.join("");
}

// Nested template groups are assigned after SLOTS, which their compilation needs.
let QUOTES: readonly Template[] = [];
let SPEAKERS: readonly Template[] = [];

const SLOTS: Readonly<Record<string, Slot>> = {
  T: plain((c) => (c.random.chance(0.3) ? c.random.pick(TRANSITIONS) + " " : "")),
  A: markable(pickActor),
  A2: markable(pickOtherActor),
  A_POSS: plain((c) => possessive(pickActor(c))),
  L: markable((c) => focusOrBank(c, c.vocab.places, "places")),
  P: markable((c) => focusOrBank(c, c.vocab.policies, "policies")),
  I: markable((c) => focusOrBank(c, c.vocab.issues, "issues")),
  M: plain((c) => focusOrBank(c, c.vocab.metrics, "metrics")),
  X: markable((c) => c.random.pick(c.vocab.rareTerms)),
  N: plain((c) => pickNoun(c).one),
  Ns: plain((c) => pickNoun(c).many),
  aN: plain((c) => withArticle(pickNoun(c).one)),
  J: plain(pickAdjective),
  aJ: plain((c) => withArticle(pickAdjective(c))),
  R: plain((c) => zipfPick(c.random, ADVERBS)),
  V: plain((c) => zipfPick(c.random, VERBS).base),
  Vs: plain((c) => zipfPick(c.random, VERBS).third),
  Ved: plain((c) => zipfPick(c.random, VERBS).past),
  Ving: plain((c) => zipfPick(c.random, VERBS).gerund),
  MOVEpp: plain((c) => c.random.pick(MOVEMENTS)[0]),
  MOVEp: plain((c) => c.random.pick(MOVEMENTS)[1]),
  H: plain((c) => c.random.pick(HEDGES)),
  QADJ: plain((c) => c.random.pick(QUESTION_ADJECTIVES)),
  EXTREME: plain((c) => c.random.pick(EXTREMES)),
  MULT: plain((c) => c.random.pick(MULTIPLES)),
  COUNT: plain((c) => c.random.pick(COUNT_WORDS)),
  COUNTWORD: plain((c) => c.random.pick(TITLE_COUNTS)),
  SPEED: plain((c) => c.random.pick(SPEED_WORDS)),
  Y: plain((c) => String(c.random.int(2010, 2026))),
  Yp: plain((c) => String(c.random.int(2010, 2024))),
  Yf: plain((c) => String(c.random.int(2025, 2026))),
  YRANGE: plain((c) => yearPair(c).join(" and ")),
  YSPAN: plain((c) => yearPair(c).join("–")),
  QUARTERS: plain(quarters),
  PCT: plain(percent),
  NUM: plain((c) => withThousands(c.random.int(120, 98000))),
  SMALLNUM: plain((c) => String(c.random.int(3, 48))),
  MONEY: plain(money),
  DATE: plain(eventDate),
  SRC: plain((c) => c.random.pick(SOURCES)),
  CITY: markable((c) => c.random.pick(CITIES)),
  ORG: markable((c) => c.random.pick(ORGANIZATIONS)),
  EXPERT: plain(pickExpert),
  ROLE: plain((c) => c.random.pick(EXPERT_ROLES)),
  ANON: plain((c) => c.random.pick(ANONYMOUS_SPEAKERS)),
  QUOTE: plain((c) => capitalizeFirst(fillPlain(c, c.random.pick(QUOTES)))),
  SPK: plain((c) => fillPlain(c, c.random.pick(SPEAKERS))),
  CJKPLACE: plain((c) => c.random.pick(CJK_PLACES)),
  CJKTERM: plain((c) => c.random.pick(CJK_TERMS)),
  EUROPEAN: plain((c) => c.random.pick(ACCENTED_EXPERT_NAMES)),
  INSTITUTE: plain(() => INSTITUTE_NAME),
  PRESIDENT: plain(() => PRESIDENT_NAME),
  GUEST: plain((c) => c.guest),
  CATEGORY: plain((c) => {
    const category = CATEGORIES.find((entry) => CATEGORY_BANKS[entry.slug] === c.vocab.banks[0]);
    return category ? category.name : "Korea";
  }),
};

function compile(source: string): Template {
  const parts: (string | Slot)[] = [];
  let position = 0;
  while (position < source.length) {
    const open = source.indexOf("{", position);
    if (open < 0) {
      parts.push(source.slice(position));
      break;
    }
    if (open > position) parts.push(source.slice(position, open));
    const close = source.indexOf("}", open);
    const code = close < 0 ? "" : source.slice(open + 1, close);
    const slot = SLOTS[code];
    if (slot === undefined) throw new Error(`Unknown or unclosed slot "{${code}" in template: ${source}`);
    parts.push(slot);
    position = close + 1;
  }
  return parts;
}

const templates = (sources: readonly string[]): readonly Template[] => sources.map(compile);

QUOTES = templates([
  "we cannot {V} {P} while ignoring {I}",
  "nobody in {CITY} wants to {V} {P}, but nobody has a better idea",
  "the {J} part is not {P} itself but what comes after it",
  "if {A} {Vs} {P}, everything else becomes easier",
  "this is about {I}, not about {P}",
  "we have been here before, and it did not end well",
  "treat {P} as a means, not an end",
  "there is no {J} fix for {I}",
  "the numbers on {I} are {J}, and everyone in {CITY} knows it",
  "our job is to {V} {P} before {I} {Vs} the agenda",
  "people underestimate how {J} the problem of {I} has become",
  "you cannot {V} {aN} you do not understand",
  "{P} can buy time, but {P} cannot buy a solution",
  "what worries me is not {I} but the {J} complacency around it",
]);

SPEAKERS = templates(["{ANON} in {CITY}", "{EXPERT}, {ROLE}", "{EXPERT}, {ROLE},", "{ANON}", "{EXPERT}"]);

/** The bulk of every body: analysis sentences. */
const ANALYSIS = templates([
  "{T}{A} has {R} {Ved} {P}, and the consequences for {I} are still unfolding.",
  "{T}the {QADJ} question is whether {A} can {V} {P} without {Ving} {I}.",
  "{T}{A} {Vs} {P} as {aJ} {N}, not as {aJ} {N}.",
  "{T}few observers expected {A} to {V} {P} so {SPEED}.",
  "{T}{H}, {A} will need to {V} {P} if it hopes to {V} {I}.",
  "{T}the debate in {CITY} has focused on {P}, but {I} may matter more.",
  "{T}officials in {L} have {R} {Ved} {I}, a pattern that dates back at least to {Yp}.",
  "{T}{A} and {A2} agree on {P} in principle but differ sharply on {I}.",
  "{T}this is not the first time {A} has tried to {V} {P}.",
  "{T}the {J} {N} behind {P} deserves closer scrutiny.",
  "{T}{P} could {V} {I}, {H}, but only if {A} is willing to {V} {P}.",
  "{T}{P} may {V} {I} in the short term, yet the {J} effects are harder to gauge.",
  "{T}for {A}, the calculus is {J}: {P} offers {aJ} {N}, while {Ving} {I} carries {J} {Ns}.",
  "{T}analysts in {CITY} and {CITY} read the move very differently.",
  "{T}{A} has signaled that it will not compromise on {P}.",
  "{T}none of this dooms {P}, but it does raise the bar for {A}.",
  "{T}when {A} last tried to {V} {P}, in {Yp}, the effort stalled within months.",
  "{T}that record should temper expectations about {P}.",
  "{T}{A} is {R} {Ving} {P}, even as {A2} {Vs} {I}.",
  "{T}{ORG} has {R} {Ved} {I}, warning that {P} could {V} {I}.",
  "{T}for policymakers in {CITY}, the {J} priority should be to {V} {P}.",
  "{T}a more {J} approach would {V} {P} while {Ving} {I}.",
  "{T}{A} will almost certainly {V} {P} before {A2} {Vs} {I}.",
  "{T}it would be a mistake to assume that {A} will {V} {P}.",
  "{T}the {J} reality is that {I} and {P} are {R} linked.",
  "{T}the answer depends on {I} as much as on {P}.",
  "{T}{A} has {R} {Ved} the {J} {N} on {I}.",
  "{T}seen from {L}, {P} looks less like {aN} and more like {aN}.",
  "{T}there are {COUNT} reasons to think {A} will {V} {P} rather than {V} {I}.",
  "{T}the first concerns {I}; the second is the {J} state of {P}.",
  "{T}{Ving} {P} will not be enough on its own.",
  "{T}the {J} {Ns} of {P} are easy to overstate and harder to measure.",
  "{T}{A} would be wise to {V} {P} rather than wait for {A2} to {V} {I}.",
  "{T}what is new is the {J} way in which {A} now {Vs} {I}.",
  "{T}{I} in {L} showed how quickly {aJ} {N} can become {aJ} {N}.",
  "{T}a {J} reading of {P} suggests that {A} is {Ving} its options.",
  "{T}{A} faces {aJ} {N}: {V} {P} now, or {V} {I} later at higher cost.",
  "{T}the {N} matters because problems like {I} rarely stay contained to {L}.",
  "{T}critics in {CITY} have called {P} {aJ} {N}, and not without reason.",
  "{T}supporters counter that {P} {Ved} {I} within its first year.",
  "{T}{A} appears to have concluded that it must defend {P} at almost any cost.",
  "{T}neither {A} nor {A2} has an obvious interest in {Ving} {I}.",
  "{T}{H}, the {J} {N} lies in {L} rather than in {CITY}.",
  "{T}the lesson for {A} is that {Ns} built on {I} tend to be {J}.",
  "{T}{A} could still {V} {P}, but the window is narrowing.",
  "{T}any {J} settlement would have to {V} {I} and {V} {P} at the same time.",
  "{T}{P} could never {V} {I} on its own.",
  "{T}the {J} logic of {P} is sound; its execution has been {J}.",
  "{T}a decade ago, {A} would have {Ved} {P} without hesitation.",
  "{T}today the {Ns} are more {J}, and the politics of {I} complicates every step.",
  "{T}{A} has {R} {Ved} its {N} toward {L}.",
  "{T}the result is {aJ} {N} that few in {CITY} anticipated.",
]);

/** Sentences built around numbers. */
const DATA = templates([
  "{T}since {Yp}, {M} has {MOVEpp} by roughly {PCT}, according to {SRC}.",
  "{T}in {Yp}, {M} {MOVEp} to its {EXTREME} level in a decade.",
  "{T}the numbers tell part of the story: {M} {MOVEp} {PCT} between {YRANGE}.",
  "{T}{A} spent an estimated {MONEY} on {P} in {Yp}, {MULT} the figure a decade earlier.",
  "{T}by most estimates, {M} is now {PCT} above its {Yp} level.",
  "{T}{M} remains {PCT} below its {Yp} peak, according to {SRC}.",
  "{T}a closer look at {SRC} shows that {M} {MOVEp} by {PCT} in {Yp}.",
  "{T}history offers some guidance: in {Yp}, {A} {Ved} {P} and {M} {MOVEp} by {PCT} within a year.",
  "{T}roughly {PCT} of respondents in a {Yp} survey said {I} should be a top priority.",
  "{T}{M} has {MOVEpp} in {QUARTERS}.",
  "{T}the {MONEY} package announced in {Yp} was meant to {V} {I}.",
  "{T}according to {SRC}, {M} {MOVEp} {PCT} year on year.",
  "{T}between {YRANGE}, {M} {MOVEp} by {PCT}, even as {I} {MOVEp}.",
]);

/** Sentences that bring in a document's rare, specific terms. */
const RARE = templates([
  "{T}the case of {X} is instructive.",
  "{T}{X} offers a useful reference point for {P}.",
  "{T}consider {X}, which {A} {Ved} in {Yp} with little fanfare.",
  "{T}the episode recalled {X}, when {A} {Ved} {I}.",
  "{T}references to {X} have become more frequent in statements from {A}.",
  "{T}the parallels with {X} are imperfect but hard to ignore.",
]);

const QUOTATIONS = templates([
  "“{QUOTE},” {SPK} said.",
  "As {SPK} put it, “{QUOTE}.”",
  "“{QUOTE},” according to {SPK}.",
  "“{QUOTE},” {SPK} told a conference in {CITY} in {Yp}.",
]);

/** Only in multilingual documents: Hangul, kanji, hanzi and accented European names. */
const MULTILINGUAL = templates([
  "{T}coverage in the Korean-language press used the term {CJKTERM} throughout.",
  "{T}officials in {CJKPLACE} {R} {Ved} {P}.",
  "{T}the phrase {CJKTERM} appeared {SMALLNUM} times in the official readout.",
  "{T}in {CJKPLACE}, the reaction to {P} was more muted.",
  "{T}{EUROPEAN}, a European scholar of {I}, made a similar point in {Yp}.",
  "{T}as {EUROPEAN} has argued, {P} is inseparable from {I}.",
  "{T}the term {CJKTERM} has become shorthand for {I} in {CJKPLACE}.",
]);

const OPENINGS = templates([
  "{T}when {A} {Ved} {P} in {Yp}, few expected {I} to follow so {SPEED}.",
  "{T}the latest moves by {A} have put {P} back at the center of debate in {CITY}.",
  "{T}for much of the past decade, policymakers have treated {P} as {aJ} {N}.",
  "{T}{A} is once again weighing how to {V} {P}.",
  "{T}the announcement from {A} this week was {J}, but its implications are not.",
  "{T}few issues divide opinion in {CITY} as sharply as {P}.",
  "{T}{I} returned to the top of the agenda in {L} this year.",
]);

const BLOG_OPENINGS = templates([
  "This week, {A} {Ved} {P}, and the reaction in {CITY} was swift.",
  "If you only read one thing about {I} this month, make it the latest statement from {A}.",
  "Here is a question I keep hearing in {CITY}: can {A} really {V} {P}?",
  "It has been a busy few weeks for anyone following {I}.",
  "The headlines about {P} missed the {J} story.",
  "Last week's news from {L} deserves more attention than it got.",
]);

const CLOSINGS = templates([
  "{T}the coming months will show whether {A} is prepared to {V} {P}.",
  "{T}either way, {I} will remain {aJ} test for {A}.",
  "{T}getting {P} right will matter well beyond {L}.",
  "{T}the choice facing {A} is not easy, but delay carries its own costs.",
  "{T}what is clear is that {P} will shape {I} for years to come.",
  "{T}whatever {A} decides, {CITY} should be ready to {V} {P}.",
]);

const HEADINGS = templates([
  "Why {P} matters",
  "The view from {L}",
  "What {A} wants",
  "Background",
  "The road ahead",
  "Options for {CITY}",
  "Lessons from {X}",
  "Reading the data",
  "{I} in context",
  "Three scenarios",
  "Risks and trade-offs",
  "Implications for the alliance",
  "What to watch in {Yf}",
  "The limits of {P}",
  "{aJ} {N}",
  "Where {A} stands",
  "The economics of {I}",
  "Beyond {P}",
  "How we got here",
  "What {CITY} gets wrong",
]);

const SUBHEADINGS = templates([
  "The case for {P}",
  "The case against {P}",
  "{I} and {L}",
  "Domestic constraints",
  "The role of {A}",
  "Costs and benefits",
  "The {J} scenario",
  "Signals from {L}",
  "Timing",
  "Legal questions",
]);

/** Bullet points: short findings or takeaways. */
const POINTS = templates([
  "{A} has {R} {Ved} {P}.",
  "{M} {MOVEp} {PCT} between {YRANGE}.",
  "{I} will remain the main source of risk in {L}.",
  "{P} alone will not {V} {I} without support from {A2}.",
  "The {J} {Ns} of {P} fall mostly on {L}.",
  "{Ving} {I} will require {aJ} {N}.",
  "Public support for {P} is {J} and may not last.",
  "{A} is likely to {V} {P} before {Yf}.",
]);

/** Ordered recommendations, in the imperative. */
const RECOMMENDATIONS = templates([
  "{V} {P} through {aJ} {N}.",
  "{V} {I} by {Ving} {P}.",
  "Work with {A} to {V} {P}.",
  "Fund {aJ} {N} on {I} and report to Congress annually.",
  "{V} {P} before {Yf}, with clear benchmarks.",
  "Create {aJ} {N} with {A2} on {I}.",
  "Avoid {Ving} {P} for short-term gain.",
]);

const SUMMARY_OPENERS: Readonly<Record<StyleKey, readonly Template[]>> = {
  commentary: templates([
    "{A} has {R} {Ved} {P}, and the consequences for {I} deserve closer attention.",
    "The debate over {P} in {CITY} overlooks how {I} could reshape the choices facing {A}.",
    "As {A} weighs how to {V} {P}, the pressure from {I} is narrowing its options.",
  ]),
  blog: templates([
    "A quick look at what the latest moves by {A} mean for {P} and {I}.",
    "Why the news about {I} from {L} matters more than the headlines suggest.",
    "What {A_POSS} latest decision on {P} tells us about the road ahead.",
  ]),
  "op-ed": templates([
    "{A} should {V} {P} now, before pressure over {I} makes the choice for it.",
    "It is time for {CITY} to stop treating {P} as {aJ} {N} and start {Ving} {I}.",
  ]),
  "issue-brief": templates([
    "This brief examines {P} and assesses how {I} could affect the interests of {A}.",
    "This issue brief reviews the evidence on {I} and outlines options for {A} on {P}.",
  ]),
  report: templates([
    "This report assesses {P} in light of {I}, drawing on {SRC} and interviews in {CITY} and {L}.",
    "Drawing on new data, this report examines how {I} could reshape {P} and what {A} can do about it.",
  ]),
  event: templates([
    "The {INSTITUTE} hosted a discussion on {P} and its implications for {I}.",
    "Experts from {CITY} and {L} joined the {INSTITUTE} to discuss {I} and the future of {P}.",
  ]),
  podcast: templates([
    "In this episode, {GUEST} discusses {P}, {I} and what comes next for {A}.",
    "{GUEST} joins the podcast to talk about {I} and the politics of {P}.",
  ]),
  video: templates([
    "In this video, {GUEST} explains {P} and why {I} will matter for {A}.",
    "Watch {GUEST} break down the debate over {P} and the outlook for {I}.",
  ]),
  "press-release": templates([
    "The {INSTITUTE} today announced new work on {P}, focusing on {I} and their implications for {A}.",
    "The {INSTITUTE} released a statement on {P} and its consequences for {I}.",
  ]),
};

/** Second and third summary sentences; each at least ten words so two always reach the minimum. */
const SUMMARY_FOLLOWUPS = templates([
  "It argues that {A} should {V} {P} rather than {V} {I}.",
  "The stakes, it suggests, extend well beyond {L} and will shape {I} for years.",
  "It also considers what {Ving} {I} would mean for {A2} and its partners.",
  "The analysis draws on {SRC} and on interviews in {CITY}.",
  "Its recommendations focus on {Ving} {P} over the next {SMALLNUM} months.",
  "Much will depend on how {A2} responds to pressure over {I}.",
]);

// ---------------------------------------------------------------------------
// Titles, per style.
// ---------------------------------------------------------------------------

type StyleKey =
  "commentary" | "blog" | "op-ed" | "issue-brief" | "report" | "event" | "podcast" | "video" | "press-release";

/**
 * Every pattern combines at least one large bank (adjectives, nouns, verbs,
 * people) or three category slots, so that titles rarely repeat even across
 * 100,000 documents.
 */
const TITLES: Readonly<Record<StyleKey, readonly Template[]>> = {
  commentary: templates([
    "What {A_POSS} {J} {N} Means for {P}",
    "The Limits of {P} in {aJ} Era",
    "Rethinking {P} for {aJ} Decade",
    "{A} and the {J} Politics of {I}",
    "Can {A} {V} {P}?",
    "How {A} Could {V} {P}",
    "Beyond {P}: {J} Options for {A}",
    "The {J} Shift in {A_POSS} Approach to {I}",
    "{L}, {I} and the Future of {P}",
    "Why {I} Will Test {A_POSS} {N}",
    "The {J} Case for {Ving} {P}",
    "{I}, {P} and the {J} Choices Ahead",
    "The Hidden Costs of {Ving} {I}",
    "{A_POSS} {J} Bet on {P}",
  ]),
  blog: templates([
    "{A} Bets on {P} to {V} {I}",
    "A Closer Look at {J} {I} in {L}",
    "{COUNTWORD} Takeaways from {A_POSS} Latest Move on {I}",
    "What {A} Learned from {X}",
    "Is {A} Rethinking {P} Amid {I}?",
    "Why {L} Is the {J} Test of {P}",
    "Reading Between the Lines of {A_POSS} {N} on {I}",
    "The Week {A} {Ved} {P}",
    "{COUNTWORD} Questions About {P} and {I}",
    "{I}: {aJ} Turn in {L}",
    "Don't Overlook the {J} Side of {I}",
    "Notes from {CITY}: {P} and the {J} {N}",
  ]),
  "op-ed": templates([
    "{A} Should {V} {P}",
    "It's Time to {V} {P}",
    "Don't Let {I} Derail {P} in {L}",
    "{A} Is Drawing the Wrong Lesson from {X}",
    "{CITY} Needs {aJ} Plan for {I}",
    "Stop Treating {P} as {aJ} {N}",
    "Why {A} Must {V} {I}",
    "The {J} Mistake {A} Keeps Making on {I}",
  ]),
  "issue-brief": templates([
    "{P}: {J} Risks and Options for {A}",
    "Assessing {I} and {P} After {Yp}",
    "{I} and {P}: What Policymakers in {CITY} Need to Know",
    "Understanding {P}: The View from {L} and {CITY}",
    "The State of {I}: {J} Trends and Policy Choices",
    "Managing {I}: Options for {A} and {A2}",
    "{P} at a Crossroads: {J} Scenarios for {Yf}",
  ]),
  report: templates([
    "{P} and {I}: Assessing the {J} {N} in {L}",
    "Managing {I}: {aJ} Framework for {A}",
    "The {J} Economics of {I} on the Korean Peninsula",
    "Toward {aJ} {N}: {P} in an Era of {I}",
    "{A} and {A2}: {J} Interests, {J} Strategies",
    "After {X}: {P} and the Future of {I}",
    "Measuring {I}: Evidence from {L}, {YSPAN}",
  ]),
  event: templates([
    "Event: {J} Perspectives on {P}",
    "Event: {A}, {I} and the Future of {P}",
    "Event: A Conversation with {GUEST} on {P}",
    "Event: {CATEGORY} Outlook {Yf} with {GUEST} and {EXPERT}",
    "Event: {I} in {L} and the {J} Road Ahead",
    "Event: Book Launch — {aJ} History of {I}",
  ]),
  podcast: templates([
    "Podcast: {GUEST} on {P} and {I}",
    "Podcast: Inside {A_POSS} {N} on {I}",
    "Podcast: What {Ving} {I} Could Mean for {A}",
    "Podcast: {J} Lessons from {X}",
    "Podcast: {GUEST} Explains the {J} Politics of {I}",
  ]),
  video: templates([
    "Video: {GUEST} on {I} and {P}",
    "Video: Explaining {P} and {I} in {L}",
    "Video: {A}, {I} and the {J} Road Ahead",
    "Video: {J} Takeaways on {P}",
  ]),
  "press-release": templates([
    "Institute Launches New Program on {I} and {P}",
    "{INSTITUTE} Statement on {A_POSS} Decision on {P}",
    "Institute Releases Report on {P} and {I}",
    "{INSTITUTE} Welcomes Progress on {P} Between {A} and {A2}",
    "Institute Announces {Yf} Fellows Focused on {I} and {P}",
  ]),
};

/** Words kept lower case inside a title unless they start it. */
const TITLE_SMALL_WORDS = new Set("a an the and but or nor for on at to from by of in with as vs".split(" "));

function titleCase(text: string): string {
  const words = text.split(" ");
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const previous = i > 0 ? (words[i - 1] as string) : "";
    const startsPhrase = i === 0 || previous.endsWith(":") || previous === "—";
    if (!startsPhrase && TITLE_SMALL_WORDS.has(word)) continue;
    words[i] = capitalizeFirst(word);
  }
  return words.join(" ");
}

const TITLE_MIN_WORDS = 5;
const TITLE_MAX_WORDS = 14;

function generateTitle(c: Context, style: StyleKey): string {
  const options = TITLES[style];
  let title = "";
  // Redraw until the length is right; a few tries always suffice in practice.
  for (let attempt = 0; attempt < 12; attempt++) {
    title = titleCase(fillPlain(c, c.random.pick(options)));
    const words = countWords(title);
    if (words >= TITLE_MIN_WORDS && words <= TITLE_MAX_WORDS) return title;
  }
  return titleCase(`${c.random.pick(c.vocab.policies)} and the future of ${c.random.pick(c.vocab.issues)}`);
}

const SUMMARY_MIN_WORDS = 25;
const SUMMARY_MAX_WORDS = 60;

function generateSummary(c: Context, style: StyleKey): string {
  const sentences = [capitalizeFirst(fillPlain(c, c.random.pick(SUMMARY_OPENERS[style])))];
  let words = countWords(sentences[0] as string);
  for (let attempt = 0; attempt < 12 && words < SUMMARY_MIN_WORDS && sentences.length < 3; attempt++) {
    const sentence = capitalizeFirst(fillPlain(c, c.random.pick(SUMMARY_FOLLOWUPS)));
    const sentenceWords = countWords(sentence);
    if (words + sentenceWords > SUMMARY_MAX_WORDS) continue;
    sentences.push(sentence);
    words += sentenceWords;
  }
  if (words < SUMMARY_MIN_WORDS) {
    sentences.push(`It is part of the ${INSTITUTE_NAME}'s ongoing work on ${c.random.pick(c.vocab.issues)}.`);
  }
  return sentences.join(" ");
}

// ---------------------------------------------------------------------------
// Body assembly.
// ---------------------------------------------------------------------------

const BOLD: ProseMirrorMark = { type: "bold" };
const ITALIC: ProseMirrorMark = { type: "italic" };
const PRESS_EMAIL = "press@example.org"; // plain text: generated links are https only

function text(value: string, ...marks: ProseMirrorMark[]): ProseMirrorNode {
  return marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
}

const LINK_BASES = [
  "https://www.example.org/research/",
  "https://data.example.com/series/",
  "https://news.example.net/",
  "https://www.example.org/analysis/",
];

/** Cache: the same phrases recur across documents and their slugs never change. */
const slugCache = new Map<string, string>();

function slugify(text: string): string {
  const cached = slugCache.get(text);
  if (cached !== undefined) return cached;
  const out: string[] = [];
  let pendingDash = false;
  for (const char of text.toLowerCase()) {
    if ((char >= "a" && char <= "z") || (char >= "0" && char <= "9")) {
      if (pendingDash && out.length > 0) out.push("-");
      out.push(char);
      pendingDash = false;
    } else {
      pendingDash = true;
    }
  }
  const slug = out.length > 0 ? out.join("") : "item";
  slugCache.set(text, slug);
  return slug;
}

interface Sentence {
  text: string;
  words: number;
  mark: ProseMirrorMark | null;
  markStart: number;
  markEnd: number;
}

/** Fills a template; with `wantMark`, the first markable slot is bolded, italicized or linked. */
function writeSentence(c: Context, template: Template, wantMark: boolean): Sentence {
  const out: string[] = [];
  let length = 0;
  let markStart = -1;
  let markEnd = -1;
  let markedText = "";
  for (const part of template) {
    let value = typeof part === "string" ? part : part.fill(c);
    // Capitalize the sentence by its first piece: cheaper than copying the whole sentence.
    if (length === 0) value = capitalizeFirst(value);
    if (wantMark && markStart < 0 && typeof part !== "string" && part.markable && value !== "") {
      markStart = length;
      markEnd = length + value.length;
      markedText = value;
    }
    out.push(value);
    length += value.length;
  }
  const text = out.join("");
  let mark: ProseMirrorMark | null = null;
  if (markStart >= 0) {
    const roll = c.random.next();
    if (roll < 0.55) {
      mark = { type: "link", attrs: { href: c.random.pick(LINK_BASES) + slugify(markedText) } };
    } else {
      mark = roll < 0.8 ? BOLD : ITALIC;
    }
  }
  return { text, words: countWords(text), mark, markStart, markEnd };
}

/** Joins sentences into inline text nodes, splitting out the marked spans. */
function inlineContent(sentences: readonly Sentence[], label: string | null): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = [];
  const pending: string[] = [];
  const flush = (): void => {
    const text = pending.join("");
    if (text !== "") nodes.push({ type: "text", text });
    pending.length = 0;
  };
  if (label !== null) {
    nodes.push({ type: "text", text: label, marks: [BOLD] });
    pending.push(" ");
  }
  sentences.forEach((sentence, i) => {
    if (i > 0) pending.push(" ");
    if (sentence.mark === null) {
      pending.push(sentence.text);
      return;
    }
    pending.push(sentence.text.slice(0, sentence.markStart));
    flush();
    nodes.push({
      type: "text",
      text: sentence.text.slice(sentence.markStart, sentence.markEnd),
      marks: [sentence.mark],
    });
    pending.push(sentence.text.slice(sentence.markEnd));
  });
  flush();
  return nodes;
}

/** Chance that a body sentence carries a mark (most of these become links). */
const MARK_CHANCE = 0.06;

class BodyWriter {
  readonly blocks: ProseMirrorNode[] = [];
  words = 0;

  constructor(
    readonly c: Context,
    /** Stop adding main content once the body reaches this many words. */
    readonly target: number,
  ) {}

  get random(): Random {
    return this.c.random;
  }

  get needsMore(): boolean {
    return this.words < this.target;
  }

  /** One body sentence, mixing analysis with data, quotes, rare and multilingual terms. */
  private bodyTemplate(): Template {
    const roll = this.random.next();
    if (roll < 0.14) return this.random.pick(DATA);
    if (roll < 0.19) return this.random.pick(RARE);
    if (roll < 0.23) return this.random.pick(QUOTATIONS);
    if (roll < 0.3 && this.c.multilingual) return this.random.pick(MULTILINGUAL);
    return this.random.pick(ANALYSIS);
  }

  /** Sentences that still fit under MAX_BODY_WORDS; may return fewer than asked for. */
  private sentences(count: number, source: readonly Template[] | null, reserved: number): Sentence[] {
    const result: Sentence[] = [];
    let words = 0;
    for (let i = 0; i < count; i++) {
      const template = source === null ? this.bodyTemplate() : this.random.pick(source);
      const sentence = writeSentence(this.c, template, this.random.chance(MARK_CHANCE));
      if (this.words + reserved + words + sentence.words > MAX_BODY_WORDS) break;
      result.push(sentence);
      words += sentence.words;
    }
    return result;
  }

  private add(node: ProseMirrorNode, words: number): void {
    this.blocks.push(node);
    this.words += words;
  }

  private static wordsOf(sentences: readonly Sentence[]): number {
    let total = 0;
    for (const sentence of sentences) total += sentence.words;
    return total;
  }

  /** A paragraph of `count` sentences from `source`, or mixed body sentences when source is null. */
  paragraph(count: number, source: readonly Template[] | null = null, label: string | null = null): void {
    const labelWords = label === null ? 0 : countWords(label);
    const sentences = this.sentences(count, source, labelWords);
    if (sentences.length === 0) return;
    this.add(
      { type: "paragraph", content: inlineContent(sentences, label) },
      labelWords + BodyWriter.wordsOf(sentences),
    );
  }

  /** A paragraph of fixed inline nodes (boilerplate), added only if it fits. */
  fixedParagraph(...content: ProseMirrorNode[]): void {
    let words = 0;
    for (const node of content) words += countWords(node.text ?? "");
    if (this.words + words > MAX_BODY_WORDS) return;
    this.add({ type: "paragraph", content }, words);
  }

  /** A bullet list of fixed items, added only if it fits. */
  fixedList(items: readonly string[]): void {
    let words = 0;
    for (const item of items) words += countWords(item);
    if (this.words + words > MAX_BODY_WORDS) return;
    const listItems = items.map((text) => ({
      type: "listItem",
      content: [{ type: "paragraph", content: [{ type: "text", text }] }],
    }));
    this.add({ type: "bulletList", content: listItems }, words);
  }

  heading(level: 2 | 3, source: readonly Template[] | string): void {
    const text = typeof source === "string" ? source : capitalizeFirst(fillPlain(this.c, this.random.pick(source)));
    const words = countWords(text);
    if (this.words + words > MAX_BODY_WORDS - 40) return; // no heading without room for content under it
    this.add({ type: "heading", attrs: { level }, content: [{ type: "text", text }] }, words);
  }

  list(ordered: boolean, count: number, source: readonly Template[]): void {
    const items: ProseMirrorNode[] = [];
    let words = 0;
    for (const sentence of this.sentences(count, source, 0)) {
      items.push({ type: "listItem", content: [{ type: "paragraph", content: inlineContent([sentence], null) }] });
      words += sentence.words;
    }
    if (items.length === 0) return;
    this.add({ type: ordered ? "orderedList" : "bulletList", content: items }, words);
  }

  blockquote(count: number): void {
    const sentences = this.sentences(count, QUOTATIONS, 0);
    if (sentences.length === 0) return;
    this.add(
      { type: "blockquote", content: [{ type: "paragraph", content: inlineContent(sentences, null) }] },
      BodyWriter.wordsOf(sentences),
    );
  }

  /** Main content until the target: paragraphs with the odd heading, list or quote. */
  fillToTarget(options: { headings: boolean; lists: boolean }): void {
    let sinceHeading = 0;
    while (this.needsMore) {
      if (options.headings && sinceHeading >= 2 && this.random.chance(0.35)) {
        this.heading(2, HEADINGS);
        sinceHeading = 0;
      }
      const roll = this.random.next();
      if (options.lists && roll < 0.06) this.list(false, this.random.int(3, 5), POINTS);
      else if (roll < 0.1) this.blockquote(this.random.int(1, 2));
      else this.paragraph(this.random.int(3, 6));
      sinceHeading++;
      if (this.words >= MAX_BODY_WORDS - 20) break;
    }
  }
}

interface StyleDefinition {
  /** Range for the main-content target; closing blocks may add a little. */
  minTarget: number;
  maxTarget: number;
  write: (w: BodyWriter) => void;
}

const STYLES: Readonly<Record<StyleKey, StyleDefinition>> = {
  commentary: {
    minTarget: 650,
    maxTarget: 1400,
    write(w) {
      w.paragraph(w.random.int(3, 5), OPENINGS);
      w.fillToTarget({ headings: w.random.chance(0.6), lists: true });
      w.paragraph(w.random.int(2, 3), CLOSINGS);
    },
  },
  blog: {
    minTarget: 520,
    maxTarget: 1000,
    write(w) {
      w.paragraph(1, BLOG_OPENINGS);
      w.paragraph(w.random.int(2, 4));
      if (w.random.chance(0.4)) w.list(false, w.random.int(3, 4), POINTS);
      w.fillToTarget({ headings: w.random.chance(0.3), lists: true });
      w.paragraph(w.random.int(1, 2), CLOSINGS);
    },
  },
  "op-ed": {
    minTarget: 620,
    maxTarget: 1000,
    write(w) {
      w.paragraph(w.random.int(2, 4), OPENINGS);
      w.fillToTarget({ headings: false, lists: false });
      w.paragraph(w.random.int(2, 3), CLOSINGS);
    },
  },
  "issue-brief": {
    minTarget: 900,
    maxTarget: 1600,
    write(w) {
      w.heading(2, "Overview");
      w.paragraph(w.random.int(3, 5), OPENINGS);
      w.heading(2, "Key findings");
      w.list(false, w.random.int(3, 5), POINTS);
      w.heading(2, "Background");
      w.paragraph(w.random.int(4, 6));
      w.fillToTarget({ headings: true, lists: true });
      w.heading(2, "Policy implications");
      w.list(true, w.random.int(3, 5), RECOMMENDATIONS);
      w.paragraph(w.random.int(2, 3), CLOSINGS);
    },
  },
  report: {
    minTarget: 1350,
    maxTarget: 1850,
    write(w) {
      w.heading(2, "Executive summary");
      w.paragraph(w.random.int(4, 6), OPENINGS);
      w.list(false, w.random.int(4, 6), POINTS);
      w.heading(2, "Introduction");
      w.paragraph(w.random.int(4, 6));
      while (w.needsMore && w.words < w.target - 250) {
        w.heading(2, HEADINGS);
        w.paragraph(w.random.int(3, 6));
        w.heading(3, SUBHEADINGS);
        w.paragraph(w.random.int(3, 6));
        if (w.random.chance(0.3)) w.blockquote(1);
        w.paragraph(w.random.int(3, 5));
      }
      w.heading(2, "Recommendations");
      w.list(true, w.random.int(4, 6), RECOMMENDATIONS);
      w.heading(2, "Conclusion");
      w.paragraph(w.random.int(3, 4), CLOSINGS);
    },
  },
  event: {
    minTarget: 520,
    maxTarget: 900,
    write(w) {
      const c = w.c;
      w.fixedParagraph(
        text(
          `On ${eventDate(c)}, the ${INSTITUTE_NAME} hosted ${c.guest} and a panel of experts for a discussion of ` +
            `${c.random.pick(c.vocab.policies)} and ${c.random.pick(c.vocab.issues)}.`,
        ),
      );
      w.paragraph(w.random.int(2, 4), OPENINGS);
      w.heading(2, "Speakers");
      w.fixedList([
        `${c.guest}, ${c.random.pick(EXPERT_ROLES)}`,
        `${pickExpert(c)}, ${c.random.pick(EXPERT_ROLES)}`,
        `${pickExpert(c)}, ${c.random.pick(EXPERT_ROLES)}`,
        `${c.random.pick(STAFF).name}, ${INSTITUTE_NAME} (moderator)`,
      ]);
      w.heading(2, "Event summary");
      w.fillToTarget({ headings: false, lists: false });
    },
  },
  podcast: {
    minTarget: 520,
    maxTarget: 1000,
    write(w) {
      const c = w.c;
      const host = c.random.pick(STAFF).name;
      w.paragraph(w.random.int(2, 3), OPENINGS);
      w.heading(2, "In this episode");
      w.list(false, w.random.int(3, 5), POINTS);
      w.heading(2, "Transcript excerpt");
      let speaker = host;
      while (w.needsMore) {
        w.paragraph(w.random.int(2, 5), null, `${speaker}:`);
        speaker = speaker === host ? c.guest : host;
        if (w.words >= MAX_BODY_WORDS - 20) break;
      }
    },
  },
  video: {
    minTarget: 520,
    maxTarget: 850,
    write(w) {
      w.paragraph(w.random.int(3, 4), OPENINGS);
      w.heading(2, "Chapters");
      w.list(true, w.random.int(4, 6), HEADINGS);
      w.heading(2, "About this video");
      w.fillToTarget({ headings: false, lists: false });
    },
  },
  "press-release": {
    minTarget: 520,
    maxTarget: 700,
    write(w) {
      const c = w.c;
      w.fixedParagraph(
        text(
          `WASHINGTON — The ${INSTITUTE_NAME} today announced new work on ${c.random.pick(c.vocab.policies)}, ` +
            `with a focus on ${c.random.pick(c.vocab.issues)} and ${c.random.pick(c.vocab.issues)}.`,
        ),
      );
      w.fixedParagraph(
        text(
          `“${capitalizeFirst(fillPlain(c, c.random.pick(QUOTES)))},” said ${PRESIDENT_NAME}, ` +
            `president of the ${INSTITUTE_NAME}.`,
        ),
      );
      w.fillToTarget({ headings: false, lists: true });
      w.heading(2, `About the ${INSTITUTE_NAME}`);
      w.fixedParagraph(
        text(
          `The ${INSTITUTE_NAME} is a nonpartisan, not-for-profit research institute dedicated to helping ` +
            `Americans understand Korea and its region. Its fellows publish research, commentary and podcasts, ` +
            `and it hosts events in Washington and across the United States.`,
        ),
      );
      w.fixedParagraph(text("Media contact: "), text(PRESS_EMAIL, BOLD));
    },
  },
};

const STYLE_BY_TYPE_NAME = new Map<string, StyleKey>([
  ["commentary", "commentary"],
  ["op-ed", "op-ed"],
  ["issue brief", "issue-brief"],
  ["report", "report"],
  ["event", "event"],
  ["podcast", "podcast"],
  ["video", "video"],
  ["press release", "press-release"],
]);

function styleFor(input: PublicationInput): StyleKey {
  const style = STYLE_BY_TYPE_NAME.get(input.typeName.toLowerCase()) ?? "commentary";
  return style === "commentary" && input.seriesName === BLOG_SERIES_NAME ? "blog" : style;
}

/** Share of documents that mention Hangul/kanji/hanzi terms and accented European names. */
const MULTILINGUAL_SHARE = 0.04;

export function generatePublication(random: Random, input: PublicationInput): GeneratedPublication {
  const style = styleFor(input);
  const c: Context = {
    random,
    vocab: buildVocabulary(random, input.categoryNames, input.index),
    multilingual: random.chance(MULTILINGUAL_SHARE),
    lastActor: "",
    guest: "",
  };
  c.guest = pickExpert(c);

  const title = generateTitle(c, style);
  const summary = generateSummary(c, style);

  const definition = STYLES[style];
  const writer = new BodyWriter(c, random.int(definition.minTarget, definition.maxTarget));
  definition.write(writer);
  if (c.multilingual) writer.paragraph(2, MULTILINGUAL);
  if (input.seriesName !== null && style !== "blog") {
    writer.fixedParagraph(text(`This publication is part of the ${input.seriesName} series.`, ITALIC));
  }
  // Short structures (many headings, few paragraphs) can end early: top up to the minimum.
  while (writer.words < MIN_BODY_WORDS) writer.paragraph(4);

  return { title, summary, doc: { type: "doc", content: writer.blocks }, wordCount: writer.words };
}
