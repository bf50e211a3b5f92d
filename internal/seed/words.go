package seed

// Team names used by categories and created by the seed.
const (
	teamFrontline = "Frontline Support"
	teamBilling   = "Billing"
	teamShipping  = "Shipping & Returns"
	teamTechnical = "Technical Support"
	teamSuccess   = "Customer Success"
)

var teamDescriptions = map[string]string{
	teamFrontline: "First line for every new request: logins, accounts and how-to questions.",
	teamBilling:   "Invoices, refunds, payment problems and plan changes.",
	teamShipping:  "Orders in transit, damaged deliveries and returns.",
	teamTechnical: "Bugs, integrations, the API and performance incidents.",
	teamSuccess:   "Onboarding, training and product feedback.",
}

// teamOrder is the order teams are created in, so ids are deterministic.
var teamOrder = []string{teamFrontline, teamBilling, teamShipping, teamTechnical, teamSuccess}

// Follow-ups by the customer: while waiting, with more detail, and thanks.
var (
	customerNudges = []string{
		"Any update on this? It's still happening.",
		"Just checking in: is there any news?",
		"Hi again, we're still blocked by this. Could someone take a look today?",
		"I tried again this morning, same result.",
	}
	customerDetails = []string{
		"Here is some more detail: it only happens for users in our {city} office.",
		"I tried what you suggested, but it didn't change anything. Version is 4.{minor}.2.",
		"Attached a screenshot. The error appears right after I click *Save*.",
		"It affects about five people on our team, all on {os}.",
		"That worked for one colleague but not for the others.",
	}
	customerThanks = []string{
		"That fixed it, thank you so much!",
		"Works now. Thanks for the quick help!",
		"Perfect, all good on our side. You can close this.",
		"Received it today. Thanks!",
		"Great, thanks for sorting this out.",
	}
	agentFollowUps = []string{
		"Thanks for the extra detail. I've passed it on and will update you as soon as I hear back.",
		"Could you try once more and tell me if anything changed? I've applied a fix on our side.",
		"Just following up: were you able to try the steps from my last message?",
		"I've made a change on our side. Could you check whether everything looks right now?",
		"I'm still looking into this and will get back to you by tomorrow.",
	}
	agentClosings = []string{
		"Glad to hear it! I'll mark this ticket as solved; just reply if anything else comes up.",
		"You're welcome! Have a great day.",
		"Great news. Closing this one; don't hesitate to reach out again.",
	}
	agentNotes = []string{
		"Waiting for the customer to confirm before solving.",
		"Checked the logs: nothing unusual on our side for this account.",
		"Escalated to tier 2 with the reproduction steps.",
		"Customer is on the enterprise plan; respond within the SLA.",
		"Asked @{colleague} for a second opinion.",
	}
)

// Names for generated people.
var (
	firstNames = []string{
		"Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Mia", "Lucas",
		"Isabella", "Mateo", "Ava", "Leo", "Charlotte", "Hiro", "Yuki", "Aisha", "Omar", "Fatima",
		"Chen", "Mei", "Arjun", "Priya", "Kwame", "Amara", "Sven", "Ingrid", "Lars", "Freya",
		"Diego", "Lucía", "Marco", "Giulia", "Pierre", "Camille", "Jan", "Zofia", "Nikolai", "Anya",
		"Tomás", "Inês", "Kofi", "Zara", "Ravi", "Ananya", "Jonas", "Lea", "Mateus", "Beatriz",
	}
	lastNames = []string{
		"Smith", "Johnson", "Garcia", "Müller", "Rossi", "Dubois", "Kowalski", "Tanaka", "Kim", "Nguyen",
		"Patel", "Singh", "Okafor", "Mensah", "Andersson", "Nielsen", "Silva", "Santos", "Fernández", "López",
		"Novak", "Horvat", "Ivanova", "Petrov", "Cohen", "Haddad", "Yilmaz", "Schmidt", "Fischer", "Weber",
		"Martin", "Bernard", "Moreau", "Costa", "Ricci", "O'Brien", "Murphy", "Walsh", "Brown", "Taylor",
	}
	customerDomains = []string{
		"acme.example", "globex.example", "initech.example", "umbrella.example", "hooli.example",
		"stark.example", "wayne.example", "tyrell.example", "soylent.example", "example.org", "example.net",
	}
	timeZones = []string{
		"", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago",
		"America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Africa/Lagos",
	}
)

// Values for the placeholders of fill.go.
var (
	products     = []string{"the web app", "the desktop app", "the mobile app", "Triage Cloud", "the Android app", "the iOS app"}
	browsers     = []string{"Firefox 128", "Chrome 126", "Safari 17", "Edge 126"}
	systems      = []string{"Windows 11", "macOS Sonoma", "Ubuntu 24.04", "iOS 17", "Android 14"}
	plans        = []string{"Team", "Business", "Enterprise", "Starter"}
	carriers     = []string{"DHL", "UPS", "FedEx", "DPD", "GLS", "La Poste"}
	cities       = []string{"Berlin", "Lisbon", "Austin", "Toronto", "Lyon", "Nairobi", "Osaka", "Melbourne", "Kraków", "Dublin"}
	integrations = []string{"Slack", "Salesforce", "Jira", "HubSpot", "Shopify", "Zapier"}
)
