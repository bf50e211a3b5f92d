package report

// Scenario names, shared by the load driver and the report.
const (
	Ceiling      = "ceiling"
	List         = "list"
	ListStatus   = "list-status"
	ListAssignee = "list-assignee"
	ListTag      = "list-tag"
	ListDeep     = "list-deep"
	Open         = "open"
	SearchRare   = "search-rare"
	Search5      = "search-5pct"
	Search50     = "search-50pct"
	Create       = "create"
	Reply        = "reply"
	Mixed        = "mixed"
)

// ScenarioInfo says what a scenario does, for the report.
type ScenarioInfo struct {
	Name string
	Desc string
}

// Catalog lists the scenarios in the order they run and are reported.
var Catalog = []ScenarioInfo{
	{List, "`GET /tickets?limit=50`: the default list, newest update first, page one"},
	{ListStatus, "`GET /tickets?limit=50&status=open`"},
	{ListAssignee, "`GET /tickets?limit=50&assignee=me`"},
	{ListTag, "`GET /tickets?limit=50&tag=T`, T a tag of middling frequency in the sample"},
	{ListDeep, "the default list at pages 21-40, with cursors collected by walking the list once"},
	{Open, "one operation = `GET /tickets/{id}` then `GET /tickets/{id}/comments?limit=100`, random visible tickets of any age"},
	{SearchRare, "`GET /tickets?limit=50&q=W`, W a rare word"},
	{Search5, "`GET /tickets?limit=50&q=W`, W in about 5% of tickets"},
	{Search50, "`GET /tickets?limit=50&q=W`, W in about half of the tickets"},
	{Create, "`POST /tickets` with a subject and a body of sampled words"},
	{Reply, "`POST /tickets/{id}/comments`, a public reply on a random visible ticket"},
	{Mixed, "an agent's day: 30% list, 15% filtered lists, 25% open, 10% search, 12% reply, 5% create, 3% count"},
}

// Main are the scenarios the chart shows.
var Main = []string{List, ListTag, Open, SearchRare, Search5, Mixed}

// Lists are the scenarios the list goals apply to.
var Lists = []string{List, ListStatus, ListAssignee, ListTag, ListDeep}
