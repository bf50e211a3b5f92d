package seed

import "slices"

// Words the benchmark searches for. The seed writes them with a known
// frequency, whatever the number of tickets, so a search for each has a
// known selectivity:
//
//   - CommonWord is in about half of all tickets (a polite request in the
//     description);
//   - FivePercentWord is in about one ticket in twenty;
//   - RareWords are the tail of the vocabulary of project names customers
//     mention: each is in about 0.005% of tickets (some 50 tickets in a
//     million, none in most desks of ten thousand).
const (
	CommonWord      = "kindly"
	FivePercentWord = "meantime"
)

// RareWords returns the rarest words of the seed's vocabulary.
func RareWords() []string { return slices.Clone(nouns[len(nouns)-10:]) }

// Sentences a customer adds to a description. Each context sentence names
// a project, team or campaign by a word from nouns, drawn from a Zipf
// distribution, so a few words are common and most are rare.
var (
	contextSentences = []string{
		"For context, we mostly use it for our {noun} project.",
		"Not sure it matters, but this is for the {noun} campaign.",
		"We first noticed it while setting up the {noun} workspace.",
		"Our {noun} team relies on this every day.",
		"It came up during the {noun} rollout last week.",
	}
	// kindlySentences all hold CommonWord.
	kindlySentences = []string{
		"Could you kindly look into this?",
		"I would kindly ask for a quick reply.",
		"Kindly let me know if you need anything else from us.",
	}
	// meantimeSentences all hold FivePercentWord.
	meantimeSentences = []string{
		"Is there anything we can do in the meantime?",
		"What do you suggest we do in the meantime?",
	}
)

// extraTags are tags agents add beside a category's own, most common first;
// a ticket gets them with Zipf-distributed frequencies.
var extraTags = []string{
	"enterprise", "needs-info", "follow-up", "emea", "north-america", "self-serve", "trial",
	"known-issue", "repeat-contact", "apac", "renewal", "priority-support", "waiting-on-engineering",
	"windows", "macos", "android", "ios", "latam", "partner", "migration", "sso", "churn-risk",
	"upsell", "education", "nonprofit", "healthcare", "retail", "finance", "government", "beta",
	"legacy-plan", "compliance", "accessibility", "localization", "german", "french", "spanish",
	"japanese", "holiday-rush", "black-friday", "reseller", "champion", "duplicate", "spam",
}

// nouns are the project and team names of contextSentences, most common
// first. None appears in any other text of the seed, so a word's frequency
// is the one its rank gives.
var nouns = []string{
	"falcon", "harbor", "summit", "river", "maple", "atlas", "beacon", "orchard", "meadow", "canyon",
	"lighthouse", "compass", "anchor", "phoenix", "horizon", "cedar", "willow", "granite", "silver", "aurora",
	"delta", "pioneer", "voyager", "nova", "comet", "garden", "forest", "island", "valley", "ocean",
	"spring", "autumn", "winter", "summer", "sunrise", "sunset", "rainbow", "thunder", "glacier", "volcano",
	"eagle", "tiger", "panther", "falconry", "dolphin", "otter", "badger", "beaver", "raven", "sparrow",
	"copper", "bronze", "iron", "cobalt", "amber", "coral", "jade", "ivory", "onyx", "pearl",
	"bridge", "castle", "tower", "citadel", "fortress", "temple", "palace", "cottage", "cabin", "lodge",
	"market", "bakery", "library", "museum", "theater", "stadium", "gallery", "studio", "workshop", "factory",
	"highway", "railway", "airport", "station", "terminal", "pier", "marina", "apple", "cherry", "lemon",
	"mango", "orange", "peach", "plum", "olive", "walnut", "almond", "coffee", "cocoa", "vanilla",
	"ginger", "pepper", "saffron", "cinnamon", "basil", "thyme", "mint", "violin", "guitar", "piano",
	"trumpet", "cello", "flute", "drum", "harp", "banjo", "organ", "rocket", "satellite", "telescope",
	"lantern", "kite", "balloon", "sailboat", "canoe", "kayak", "glider", "mountain", "hill", "ridge",
	"plateau", "prairie", "tundra", "desert", "oasis", "lagoon", "reef", "bison", "moose", "elk",
	"lynx", "wolf", "fox", "hawk", "owl", "heron", "pelican", "quartz", "marble", "slate",
	"basalt", "flint", "obsidian", "jasper", "topaz", "garnet", "opal", "pine", "spruce", "birch",
	"oak", "elm", "aspen", "cypress", "juniper", "sequoia", "redwood", "tulip", "daisy", "lily",
	"orchid", "rose", "iris", "lotus", "poppy", "jasmine", "lavender", "nebula", "galaxy", "quasar",
	"pulsar", "meteor", "eclipse", "zenith", "equinox", "solstice", "orbit", "harvest", "festival", "carnival",
	"parade", "regatta", "marathon", "relay", "tournament", "jubilee", "gala", "blueprint", "keystone", "milestone",
	"cornerstone", "landmark", "waypoint", "lodestar", "benchmark", "touchstone", "flagship", "sapphire", "emerald", "ruby",
	"diamond", "crystal", "prism", "spectrum", "mosaic", "tapestry", "canvas", "clover", "thistle", "moss",
	"ivy", "heather", "bamboo", "lichen", "sage", "sorrel", "cardinal", "robin", "finch", "wren",
	"swallow", "kestrel", "osprey", "condor", "albatross", "puffin", "salmon", "trout", "marlin", "tuna",
	"herring", "sardine", "mackerel", "halibut", "cod", "pike", "acorn", "pinecone", "chestnut", "hazelnut",
	"pecan", "pistachio", "cashew", "peanut", "coconut", "fig", "kettle", "teapot", "saucer", "ladle",
	"skillet", "griddle", "whisk", "colander", "toaster", "blender", "hammer", "chisel", "wrench", "pliers",
	"saw", "drill", "lathe", "anvil", "forge", "bellows", "sextant", "astrolabe", "barometer", "hourglass",
	"sundial", "pendulum", "metronome", "gyroscope", "periscope", "chronometer", "banner", "pennant", "flagpole", "emblem",
	"crest", "insignia", "medallion", "trophy", "ribbon", "laurel", "quill", "parchment", "scroll", "ledger",
	"almanac", "journal", "diary", "notebook", "sketchbook", "zephyr", "monsoon", "typhoon", "cyclone", "breeze",
	"gale", "squall", "drizzle", "blizzard", "mist", "granary", "silo", "barn", "stable", "paddock",
	"pasture", "vineyard", "greenhouse", "nursery", "apiary", "cathedral", "chapel", "abbey", "monastery", "cloister",
	"belfry", "steeple", "spire", "dome", "arch", "bayou", "marsh", "estuary", "fjord", "inlet",
	"cove", "strait", "isthmus", "caravan", "wagon", "carriage", "chariot", "sleigh", "tram", "trolley",
	"ferry", "barge", "schooner", "satchel", "backpack", "suitcase", "briefcase", "duffel", "rucksack", "knapsack",
	"holster", "quiver", "pouch", "mitten", "scarf", "beanie", "sweater", "jacket", "raincoat", "poncho",
	"sandal", "slipper", "boot", "teacup", "goblet", "chalice", "tankard", "flask", "pitcher", "carafe",
	"decanter", "jug", "urn", "pebble", "boulder", "cobble", "gravel", "sand", "dune", "shoal",
	"sandbar", "bluff", "crag", "candle", "torch", "lamp", "chandelier", "sconce", "flare", "ember",
	"spark", "acrobat", "juggler", "magician", "ranger", "sentinel", "guardian", "voyageur", "navigator", "pilot",
	"captain", "cobra", "python", "viper", "mamba", "gecko", "iguana", "tortoise", "turtle", "newt",
	"salamander", "hornet", "bumblebee", "firefly", "dragonfly", "ladybug", "cricket", "grasshopper", "mantis", "beetle",
	"moth", "kangaroo", "koala", "wombat", "platypus", "emu", "dingo", "wallaby", "possum", "quokka",
	"echidna", "panda", "yak", "camel", "llama", "alpaca", "zebra", "giraffe", "rhino", "hippo",
	"gazelle", "walrus", "narwhal", "orca", "seal", "penguin", "manatee", "beluga", "octopus", "squid",
	"jellyfish", "muffin", "bagel", "pretzel", "waffle", "pancake", "croissant", "biscuit", "scone", "brioche",
	"baguette", "noodle", "dumpling", "taco", "burrito", "falafel", "risotto", "lasagna", "ravioli", "gnocchi",
	"paella", "honey", "syrup", "caramel", "toffee", "fudge", "nougat", "praline", "truffle", "marzipan",
	"mercury", "venus", "jupiter", "saturn", "neptune", "uranus", "pluto", "titan", "europa", "callisto",
	"argon", "neon", "xenon", "krypton", "helium", "lithium", "carbon", "nitrogen", "oxygen", "sodium",
	"pixel", "vector", "matrix", "tensor", "quantum", "photon", "proton", "neutron", "electron", "plasma",
	"cipher", "enigma", "riddle", "puzzle", "labyrinth", "maze", "paradox", "axiom", "theorem", "lemma",
	"sonnet", "ballad", "haiku", "limerick", "ode", "elegy", "epic", "saga", "fable", "legend",
	"tango", "waltz", "salsa", "polka", "foxtrot", "mambo", "rumba", "samba", "bolero", "flamenco",
	"chess", "checkers", "domino", "bingo", "lotto", "poker", "rummy", "cribbage", "backgammon", "cinder",
	"ash", "soot", "charcoal", "kindling", "tinder", "firewood", "hearth", "chimney", "pasta", "pesto",
	"chutney", "relish", "mustard", "ketchup", "mayonnaise", "vinaigrette", "hummus", "lobster", "shrimp", "crab",
	"oyster", "clam", "mussel", "scallop", "prawn", "crayfish", "barnacle", "bramble", "hedge", "thicket",
	"grove", "copse", "glade", "glen", "dell", "hollow", "knoll", "kilt", "tartan", "tweed",
	"denim", "velvet", "satin", "silk", "linen", "cotton", "flannel", "beaker", "burner", "pipette",
	"crucible", "funnel", "retort", "centrifuge", "microscope", "petri", "crane", "hoist", "pulley", "winch",
	"lever", "gear", "sprocket", "piston", "turbine", "rotor", "vortex", "cyclotron", "reactor", "dynamo",
	"magnet", "circuit", "diode", "capacitor", "resistor", "mailbox", "postcard", "envelope", "courier", "postman",
	"telegram", "letterbox", "stamp", "postmark", "atrium", "lobby", "foyer", "vestibule", "corridor", "hallway",
	"balcony", "terrace", "veranda", "patio", "cobweb", "spider", "scorpion", "centipede", "millipede", "earthworm",
	"snail", "slug", "leech", "tick", "sherpa", "nomad", "pilgrim", "wanderer", "drifter", "rover",
	"trekker", "hiker", "climber", "camper", "bonsai", "cactus", "succulent", "aloe", "agave", "yucca",
	"palm", "fernery", "hibiscus", "igloo", "yurt", "tepee", "tent", "hut", "shack", "bungalow",
	"chalet", "villa", "manor", "tiara", "crown", "scepter", "throne", "orb", "diadem", "coronet",
	"signet", "amulet", "talisman", "bugle", "cornet", "tuba", "trombone", "clarinet", "oboe", "bassoon",
	"piccolo", "harmonica", "accordion", "crescent", "meridian", "latitude", "longitude", "equator", "tropic", "hemisphere",
	"pole", "raindrop", "snowflake", "hailstone", "icicle", "frost", "dew", "fog", "haze", "sleet",
	"thaw", "sprout", "seedling", "sapling", "shoot", "bud", "blossom", "petal", "stem", "root",
	"bulb", "cupola", "minaret", "pagoda", "ziggurat", "pyramid", "obelisk", "sphinx", "colossus", "monolith",
	"menhir", "atoll", "archipelago", "peninsula", "cape", "headland", "promontory", "bay", "gulf", "sound",
	"jigsaw", "crossword", "sudoku", "tangram", "origami", "kirigami", "calligraphy", "pottery", "weaving", "sonar",
	"radar", "lidar", "transponder", "antenna", "dish", "receiver", "transmitter", "modem", "abacus", "slide",
	"ruler", "protractor", "calculator", "tally", "counter", "gauge", "meter", "tarragon", "oregano", "rosemary",
	"parsley", "dill", "fennel", "cumin", "nutmeg", "clove", "cardamom", "gondola", "rickshaw", "scooter",
	"moped", "tandem", "unicycle", "skateboard", "rollerblade", "snowmobile", "hammock", "swing", "seesaw", "carousel",
	"trampoline", "sandbox", "treehouse", "playhouse", "cheddar", "brie", "gouda", "feta", "mozzarella", "parmesan",
	"ricotta", "camembert", "gruyere", "stilton", "avocado", "banana", "grape", "melon", "papaya", "kiwi",
	"lime", "apricot", "guava", "lychee", "pumpkin", "carrot", "turnip", "radish", "parsnip", "beetroot",
	"cabbage", "lettuce", "spinach", "kale", "potato", "tomato", "cucumber", "zucchini", "eggplant", "celery",
	"leek", "onion", "garlic", "shallot", "hazel", "birchwood", "driftwood", "timber", "lumber", "plank",
	"beam", "rafter", "girder", "trellis", "indigo", "crimson", "scarlet", "magenta", "violet", "teal",
	"turquoise", "ochre", "umber", "saddle", "stirrup", "bridle", "harness", "reins", "spur", "horseshoe",
	"lasso", "corral", "ranch", "quarry", "mine", "tunnel", "shaft", "cavern", "grotto", "cave",
	"chasm", "gorge", "ravine", "waterfall", "cascade", "rapids", "torrent", "brook", "creek", "stream",
	"rivulet", "fountain", "hamlet", "village", "township", "borough", "county", "province", "territory", "frontier",
	"outpost", "colony", "tugboat", "trawler", "frigate", "galleon", "clipper", "catamaran", "dinghy", "yacht",
	"cutter", "sloop", "propeller", "rudder", "keel", "mast", "sail", "hull", "deck", "bowsprit",
	"anchorage", "hawkmoth", "kingfisher", "woodpecker", "nightingale", "lark", "starling", "magpie", "jay", "crow",
	"mongoose", "meerkat", "hedgehog", "porcupine", "armadillo", "sloth", "anteater", "tapir", "okapi", "ibex",
	"cheetah", "leopard", "jaguar", "cougar", "ocelot", "caracal", "serval", "bobcat", "puma", "lion",
	"buffalo", "antelope", "reindeer", "caribou", "mustang", "stallion", "pony", "donkey", "mule", "ox",
	"parakeet", "parrot", "macaw", "cockatoo", "toucan", "flamingo", "stork", "egret", "ibis", "tadpole",
	"frog", "toad", "lizard", "chameleon", "skink", "monitor", "anole", "basilisk", "axolotl", "harpoon",
	"trident", "spear", "javelin", "boomerang", "slingshot", "catapult", "trebuchet", "ballista", "crossbow", "pavilion",
	"gazebo", "pergola", "arbor", "bandstand", "kiosk", "booth", "stall", "stand", "rotunda", "encyclopedia",
	"dictionary", "thesaurus", "anthology", "compendium", "gazetteer", "lexicon", "glossary", "primer", "telegraph", "typewriter",
	"phonograph", "gramophone", "jukebox", "radio", "cassette", "vinyl", "turntable", "stereo", "shepherd", "blacksmith",
	"carpenter", "mason", "potter", "weaver", "baker", "brewer", "miller", "cartographer", "astronomer", "botanist",
	"geologist", "chemist", "physicist", "biologist", "zoologist", "archivist", "curator", "yoyo", "frisbee", "kaleidoscope",
	"pinwheel", "rattle", "whistle", "sandcastle", "seashell", "starfish", "seahorse", "urchin", "anemone", "sponge",
	"kelp", "seaweed", "plankton", "icebreaker", "snowplow", "bulldozer", "excavator", "tractor", "combine", "forklift",
	"steamroller", "windmill", "watermill", "sawmill", "millstone", "waterwheel", "aqueduct", "canal", "dam", "levee",
	"observatory", "planetarium", "aquarium", "arboretum", "conservatory", "menagerie", "aviary", "terrarium", "vivarium", "sunflower",
	"marigold", "dandelion", "buttercup", "bluebell", "foxglove", "snapdragon", "peony", "magnolia", "camellia", "cobbler",
	"tailor", "cooper", "tanner", "chandler", "fletcher", "glazier", "thatcher", "wheelwright", "farrier", "kettledrum",
	"tambourine", "xylophone", "marimba", "glockenspiel", "cymbal", "gong", "triangle", "castanet", "maraca", "meringue",
	"sorbet", "gelato", "custard", "pudding", "trifle", "souffle", "eclair", "macaron", "cannoli", "bobsled",
	"toboggan", "luge", "skis", "snowshoe", "crampon", "piton", "carabiner", "belay", "inkwell", "blotter",
	"stapler", "paperclip", "thumbtack", "eraser", "pencil", "crayon", "marker", "highlighter", "teakettle", "percolator",
	"samovar", "espresso", "cappuccino", "latte", "mocha", "macchiato", "cortado", "ristretto", "stegosaurus", "triceratops",
	"raptor", "pterodactyl", "mammoth", "mastodon", "sabertooth", "dodo", "compost", "mulch", "humus", "loam",
	"clay", "silt", "peat", "topsoil", "fertilizer", "manure", "cobblestone", "flagstone", "paver", "brick",
	"mortar", "concrete", "cement", "plaster", "stucco", "adobe", "weathervane", "chimneypot", "gutter", "drainpipe",
	"shingle", "gable", "dormer", "skylight", "eave", "cornice", "lantana", "verbena", "begonia", "geranium",
	"petunia", "zinnia", "aster", "dahlia", "freesia", "gardenia", "mistral", "sirocco", "chinook", "foehn",
	"bora", "harmattan", "khamsin", "levante", "tramontane", "pampero",
}
