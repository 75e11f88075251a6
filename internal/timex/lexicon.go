package timex

import "time"

// The closed classes of English time words the grammar reads. They are
// part of the grammar, as the rules are, rather than a user dictionary.

// unit is a calendar unit.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
)

// units maps unit nouns, singular and plural, to units.
var units = map[string]unit{
	"second": uSecond, "seconds": uSecond, "minute": uMinute, "minutes": uMinute,
	"hour": uHour, "hours": uHour, "day": uDay, "days": uDay, "week": uWeek, "weeks": uWeek,
	"fortnight": uWeek, "month": uMonth, "months": uMonth, "quarter": uQuarter, "quarters": uQuarter,
	"year": uYear, "years": uYear, "decade": uDecade, "decades": uDecade,
	"century": uCentury, "centuries": uCentury,
}

// durationPart returns the ISO 8601 duration of n units ("3", "X").
func durationPart(n string, u unit, fortnight bool) string {
	if fortnight && n != "X" {
		return "P" + n + "W" // a fortnight: the caller doubles n
	}
	switch u {
	case uSecond:
		return "PT" + n + "S"
	case uMinute:
		return "PT" + n + "M"
	case uHour:
		return "PT" + n + "H"
	case uDay:
		return "P" + n + "D"
	case uWeek:
		return "P" + n + "W"
	case uMonth:
		return "P" + n + "M"
	case uQuarter:
		return "P" + n + "Q"
	case uYear:
		return "P" + n + "Y"
	case uDecade:
		return "P" + n + "DE"
	case uCentury:
		return "P" + n + "CE"
	}
	return ""
}

// months maps month names and abbreviations to months. "May" and "March"
// are also a verb and a noun; the grammar checks their context.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "jan.": 1, "february": 2, "feb": 2, "feb.": 2, "march": 3, "mar.": 3,
	"april": 4, "apr": 4, "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7,
	"august": 8, "aug": 8, "aug.": 8, "september": 9, "sep.": 9, "sept": 9, "sept.": 9,
	"october": 10, "oct": 10, "oct.": 10, "november": 11, "nov": 11, "nov.": 11,
	"december": 12, "dec": 12, "dec.": 12,
}

// weekdays maps weekday names and abbreviations to weekdays.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun.": time.Sunday, "mon.": time.Monday, "tue.": time.Tuesday, "tues.": time.Tuesday,
	"wed.": time.Wednesday, "thu.": time.Thursday, "thur.": time.Thursday, "thurs.": time.Thursday,
	"fri.": time.Friday, "sat.": time.Saturday,
}

// partsOfDay are TIMEX3's parts of a day.
var partsOfDay = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

// seasons maps season names to TIMEX3 season codes.
var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

// seasonMonth is a month inside each season (northern hemisphere), to
// decide which year "last winter" is.
var seasonMonth = map[string]time.Month{"SP": 4, "SU": 7, "FA": 10, "WI": 1}

// numbers maps number words to their values.
var numbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"hundred": 100, "dozen": 12,
}

// vagueNumbers stand for a number the text does not give.
var vagueNumbers = map[string]bool{"several": true, "few": true, "many": true, "some": true, "couple": false}

// ordinals maps ordinal words to their values.
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

// decadeWords name the decades of a century by their tens digit.
var decadeWords = map[string]int{"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
	"sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}

// refWords are deictic words with a vague TIMEX3 value.
var refWords = map[string]string{
	"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
	"recently": "PAST_REF", "lately": "PAST_REF",
}

// setAdverbs are the adverbs of frequency TIMEX3 codes as sets.
var setAdverbs = map[string]string{
	"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
	"yearly": "P1Y", "annually": "P1Y", "biannually": "P6M",
}

// Modifiers before an expression and their TIMEX3 mods.
var preMods = map[string]string{
	"early": "START", "late": "END", "mid": "MID", "middle": "MID",
	"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
	"nearly": "LESS_THAN", "almost": "LESS_THAN",
}

// twoWordMods are two-word modifiers ("more than three years").
var twoWordMods = map[[2]string]string{
	{"more", "than"}: "MORE_THAN", {"less", "than"}: "LESS_THAN", {"at", "least"}: "EQUAL_OR_MORE",
	{"up", "to"}: "EQUAL_OR_LESS", {"no", "more"}: "EQUAL_OR_LESS", {"fewer", "than"}: "LESS_THAN",
	{"the", "end"}: "END", {"the", "beginning"}: "START", {"the", "start"}: "START",
}

// futureCues and pastCues tell the tense of the words near an expression.
// Time words ("next", "last", "ago") are left out: they tell the time of
// their own expression, not of the clause.
var futureCues = map[string]bool{
	"will": true, "shall": true, "ll": true, "upcoming": true, "scheduled": true,
}

var pastCues = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "said": true, "took": true, "began": true,
	"came": true,
}
