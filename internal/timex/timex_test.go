package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// friday is the seed article's date: Friday 12 April 2024.
var friday = time.Date(2024, 4, 12, 20, 12, 0, 0, time.UTC)

func TestFind(t *testing.T) {
	tg, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want string // "text|TYPE|value|mod" for each expression, joined by "; "
	}{
		// the seed article
		{"In their discussion on Thursday, President Raisi lauded …", "Thursday|DATE|2024-04-11|"},
		{"On January 16, Iran launched drone and missile attacks.", "January 16|DATE|2024-01-16|"},
		{"an attack in December 2023 on a police station", "December 2023|DATE|2023-12|"},
		{"as ambassadors resumed duties in late January.", "late January|DATE|2024-01|END"},
		{"restored ties in the next weeks", "the next weeks|DURATION|PXW|"},
		{"formed in 2012 and has conducted attacks in recent years", "2012|DATE|2012|; recent years|DATE|PAST_REF|"},
		{"April 12, 2024 - 20:12", "April 12, 2024|DATE|2024-04-12|"},
		// deictic days and the tense of the clause
		{"Iran said today it would respond.", "today|DATE|2024-04-12|"},
		{"The talks ended yesterday.", "yesterday|DATE|2024-04-11|"},
		{"They will meet on Monday.", "Monday|DATE|2024-04-15|"},
		{"They met on Monday.", "Monday|DATE|2024-04-08|"},
		{"The vote is on Sunday.", "Sunday|DATE|2024-04-14|"},
		{"Protesters said they would march on Saturday.", "Saturday|DATE|2024-04-13|"},
		{"He arrived this morning.", "this morning|TIME|2024-04-12TMO|"},
		{"Shelling went on last night.", "last night|TIME|2024-04-11TNI|"},
		{"The march is on Friday, April 19.", "Friday, April 19|DATE|2024-04-19|"},
		{"It fell on Friday Oct. 13, 1989.", "Friday Oct. 13, 1989|DATE|1989-10-13|"},
		{"A rally was held Friday night.", "Friday night|DATE|2024-04-12|"},
		{"She spoke on Tuesday morning.", "Tuesday morning|DATE|2024-04-09|"},
		{"It closed Thursday evening.", "Thursday evening|TIME|2024-04-11TEV|"},
		{"Now officials are investigating.", "Now|DATE|PRESENT_REF|"},
		{"Now, he says, it is over.", ""},
		{"because of current market conditions", "current|DATE|PRESENT_REF|"},
		{"at the then current price", ""},
		{"the current account deficit", ""},
		// relative units
		{"Prices rose last week.", "last week|DATE|2024-W14|"},
		{"Elections are due next year.", "next year|DATE|2025|"},
		{"It happened last month.", "last month|DATE|2024-03|"},
		{"Output fell earlier this year.", "earlier this year|DATE|2024|START"},
		{"They met last November.", "last November|DATE|2023-11|"},
		{"Prices rose in the third quarter.", "the third quarter|DATE|2023-Q3|"},
		{"Third-quarter net rose. Sales in the latest period fell.", "Third-quarter|DATE|2023-Q3|; the latest period|DATE|2024-Q1|"},
		{"challenges of the near term", "the near term|DATE|FUTURE_REF|"},
		{"On May 3, 2020 they met. That same day, troops left.", "May 3, 2020|DATE|2020-05-03|; That same day|DATE|2020-05-03|"},
		{"the fourth quarter of 1997", "the fourth quarter of 1997|DATE|1997-Q4|"},
		{"Sales fell in June last year.", "June last year|DATE|2023-06|"},
		{"It opened on May 5 of next year.", "May 5 of next year|DATE|2025-05-05|"},
		{"losses in the last half of 1989", "the last half of 1989|DATE|1989-H2|"},
		{"the latter half of 2008", "the latter half of 2008|DATE|2008-H2|"},
		{"The war began in 1776. The next year, France joined.", "1776|DATE|1776|; The next year|DATE|1777|"},
		{"a day-long strike", "day-long|DURATION|P1D|"},
		{"an hour-long speech", "hour-long|DURATION|PT1H|"},
		{"a decades-long feud", "decades-long|DURATION|PXDE|"},
		{"sales in the current fiscal year", "the current fiscal year|DATE|2024|"},
		{"Growth slowed over the past decade.", "the past decade|DURATION|P10Y|"},
		{"the worst storm this century", "this century|DURATION|P100Y|"},
		{"Xerxes marched in April 480 BC.", "April 480 BC|DATE|BC0480-04|"},
		{"prices of the nineties", "the nineties|DATE|199|"},
		{"in the spring of 480 BC", "the spring of 480 BC|DATE|BC0480-SP|"},
		{"Athens in the 4th century BC", "the 4th century BC|DATE|BC03|"},
		{"The offensive of fall 1919 failed.", "fall 1919|DATE|1919-FA|"},
		{"It was built last summer.", "last summer|DATE|2023-SU|"},
		// counts of units
		{"Two days ago, troops left.", "Two days ago|DATE|2024-04-10|"},
		{"a year ago", "a year ago|DATE|2023|"},
		{"Third-quarter profit rose 10% from a year earlier.", "Third-quarter|DATE|2023-Q3|; a year earlier|DATE|2022-Q3|"},
		{"Third-quarter profit rose. Sales fell from $5 million a year earlier, costs from $2 million a year earlier.", "Third-quarter|DATE|2023-Q3|; a year earlier|DATE|2022-Q3|; a year earlier|DATE|2022-Q3|"},
		{"profit fell from the 1988 second quarter", "the 1988 second quarter|DATE|1988-Q2|"},
		{"Net rose in this year's third quarter.", "this year's third quarter|DATE|2024-Q3|"},
		{"Third-quarter net rose from year-earlier profit.", "Third-quarter|DATE|2023-Q3|; year-earlier|DATE|2022-Q3|"},
		{"Third-quarter net rose from the 1988 quarter.", "Third-quarter|DATE|2023-Q3|; the 1988 quarter|DATE|1988-Q3|"},
		{"The war lasted three years.", "three years|DURATION|P3Y|"},
		{"a two-year deal", "two-year|DURATION|P2Y|"},
		{"over the past 20 years", "the past 20 years|DURATION|P20Y|"},
		{"for more than five months", "more than five months|DURATION|P5M|MORE_THAN"},
		{"about 24 hours", "about 24 hours|DURATION|PT24H|APPROX"},
		{"in the last twenty four hours", "the last twenty four hours|DURATION|PT24H|"},
		{"He will leave at 4 in the morning.", "4 in the morning|TIME|2024-04-12T04:00|"},
		{"The deadline is noon Thursday.", "noon Thursday|TIME|2024-04-11T12:00|"},
		{"a decade", "a decade|DURATION|P10Y|"},
		{"a 6-year-old boy", ""},
		{"about three-quarters of voters", ""},
		{"more than a quarter of the market", ""},
		// years, decades, dates written out
		{"the 1990s", "1990s|DATE|199|"},
		{"in mid-1996", "mid-1996|DATE|1996|MID"},
		{"the 1996 campaign", "1996|DATE|1996|"},
		{"2,000 troops and 1500 soldiers", ""},
		{"at 1500 GMT", ""},
		{"the war of 1812", "1812|DATE|1812|"},
		{"a $1990 fee", ""},
		{"fiscal 1989", "fiscal 1989|DATE|1989|"},
		{"on 2024-01-16", "2024-01-16|DATE|2024-01-16|"},
		{"on 16 January 2024", "16 January 2024|DATE|2024-01-16|"},
		{"Jan. 16, 2024", "Jan. 16, 2024|DATE|2024-01-16|"},
		{"the 16th of January", "16th of January|DATE|2024-01-16|"},
		{"They may attack.", ""},
		{"He will march on May 3.", "May 3|DATE|2024-05-03|"},
		{"The vote is set for July.", "July|DATE|2024-07|"},
		{"The vote was in September.", "September|DATE|2023-09|"},
		{"net income for the year ended Sept. 30", "the year|DURATION|P1Y|; Sept. 30|DATE|2023-09-30|"},
		{"Sales for the full year rose.", "the full year|DATE|2024|"},
		{"results will be challenging as we close the year", ""},
		{"The year 1950 marked a change.", "The year 1950|DATE|1950|"},
		{"by the year two thousand", "the year two thousand|DATE|2000|"},
		{"in nineteen ninety-six", "nineteen ninety-six|DATE|1996|"},
		{"since January nineteen ninety-seven", "January nineteen ninety-seven|DATE|1997-01|"},
		{"Rains came earlier in the year.", "earlier in the year|DATE|2024|START"},
		{"They met earlier in the day.", ""},
		{"for two more weeks", "two more weeks|DURATION|P2W|"},
		{"for an additional year", "an additional year|DURATION|P1Y|"},
		{"to complete the sale by year-end", "year-end|DATE|2024|END"},
		{"by year's end", "year's end|DATE|2024|END"},
		{"year-end net was lower", ""},
		{"He came in June 1998 and left later that year.", "June 1998|DATE|1998-06|; later that year|DATE|1998|"},
		{"On March 3, 2020 he spoke. Earlier that day, troops left.", "March 3, 2020|DATE|2020-03-03|; Earlier that day|DATE|2020-03-03|"},
		{"in the 20th century", "the 20th century|DATE|19|"},
		{"the eleventh century", "the eleventh century|DATE|10|"},
		{"in camps for 2 1/2 years", "2 1/2 years|DURATION|P2Y6M|"},
		{"about 5 1/2 hours in Nairobi", "about 5 1/2 hours|DURATION|PT5H30M|APPROX"},
		{"Eight trading days after the crash", "Eight trading days|DURATION|P8D|"},
		{"selling in the weeks ahead", "the weeks ahead|DURATION|PXW|"},
		{"On March 3, 2020 troops left at 10:35 a.m.", "March 3, 2020|DATE|2020-03-03|; 10:35 a.m.|TIME|2020-03-03T10:35|"},
		// ranges of years and years before the common era
		{"Throughout 1915-17, the armies bled.", "1915|DATE|1915|; 17|DATE|1917|"},
		{"Eastern Theater 1861-1863", "1861|DATE|1861|; 1863|DATE|1863|"},
		{"in 480 BC", "480 BC|DATE|BC0480|"},
		{"the revolt (499-493 BC)", "499|DATE|BC0499|; 493 BC|DATE|BC0493|"},
		{"the battle of 6-7 January 1916", "6|DATE|1916-01-06|; 7 January 1916|DATE|1916-01-07|"},
		{"From 15 to 22 February 1984, Iran attacked.", "15|DATE|1984-02-15|; 22 February 1984|DATE|1984-02-22|"},
		{"They surrendered on May 4 and 5.", "May 4|DATE|2024-05-04|; 5|DATE|2024-05-05|"},
		{"between 4 and 5 percent", ""},
		{"The bill passed 6-7 in committee.", ""},
		{"The troops rested in winter.", "winter|DATE|2024-WI|"},
		{"It began to fall sharply.", ""},
		{"A second attack followed.", ""},
		{"It lasted a second or two.", "a second|DURATION|PT1S|"},
		// vague and approximate counts
		{"for a few months", "a few months|DURATION|PXM|"},
		{"in a couple of years", "a couple of years|DURATION|P2Y|"},
		{"It rose several years ago.", "several years ago|DATE|PAST_REF|"},
		{"A few weeks later the army left.", "A few weeks later|DATE|FUTURE_REF|"},
		// times and sets
		{"at 5 p.m. EST, Nov. 9", "5 p.m. EST, Nov. 9|TIME|2023-11-09T17:00|"},
		{"at 10:30 a.m.", "10:30 a.m.|TIME|2024-04-12T10:30|"},
		{"at noon", "noon|TIME|2024-04-12T12:00|"},
		{"At 19:15, the assault began.", "19:15|TIME|2024-04-12T19:15|"},
		{"The ratio was 3:16 then.", ""},
		{"patrols every week", "every week|SET|P1W|"},
		{"a daily newspaper", "daily|SET|P1D|"},
		{"Orangemen march each July.", "each July|SET|XXXX-07|"},
		{"The shop closes on Mondays.", "Mondays|SET|XXXX-WXX-1|"},
		{"The shop closes on weekends.", "weekends|SET|XXXX-WXX-WE|"},
		{"They meet every weekend.", "every weekend|SET|XXXX-WXX-WE|"},
		{"It is held three times a year.", "three times a year|SET|P1Y|"},
		{"It rained this past weekend.", "this past weekend|DATE|2024-W14-WE|"},
		{"over the past two decades", "the past two decades|DURATION|P20Y|"},
		{"for half a century", "half a century|DURATION|P50Y|"},
		{"in half an hour", "half an hour|DURATION|PT30M|"},
		{"On May 3, 2020 they met. That night, troops left.", "May 3, 2020|DATE|2020-05-03|; That night|TIME|2020-05-03TNI|"},
		{"flights leave on Tuesday nights", "Tuesday nights|SET|XXXX-WXX-2TNI|"},
		{"They come every summer.", "every summer|SET|XXXX-SU|"},
		{"Shelling went on every night.", "every night|SET|XXXX-XX-XXTNI|"},
		{"Elections are held every two years.", "every two years|SET|P2Y|"},
		{"for two and a half years", "two and a half years|DURATION|P2Y6M|"},
		{"But a minute and a half later", "a minute and a half|DURATION|PT1M30S|"},
		{"The polls close at 8 p.m. ET.", "8 p.m. ET|TIME|2024-04-12T20:00|"},
		{"twice a year", "twice a year|SET|P1Y|"},
		{"on Christmas Day", "Christmas Day|DATE|2023-12-25|"},
		{"Thanksgiving 2023", "Thanksgiving 2023|DATE|2023-11-23|"},
		// vague references
		{"Now, the question is", ""},
		{"It is now clear.", "now|DATE|PRESENT_REF|"},
		{"in the near future", "the near future|DATE|FUTURE_REF|"},
		{"They recently agreed.", "recently|DATE|PAST_REF|"},
		{"the end of the year", "the end of the year|DATE|2024|END"},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for _, e := range tg.Find(tc.text, friday) {
				if tc.text[e.Span.Start:e.Span.End] != e.Text {
					t.Errorf("span %v is %q, text %q", e.Span, tc.text[e.Span.Start:e.Span.End], e.Text)
				}
				got = append(got, fmt.Sprintf("%s|%s|%s|%s", e.Text, e.Type, e.Value, e.Mod))
			}
			if g := strings.Join(got, "; "); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

func TestFindWithoutDocumentDate(t *testing.T) {
	tg, _ := New()
	got := tg.Find("On January 16 and on Thursday, 2024-01-17.", time.Time{})
	want := []string{"XXXX-01-16", "XXXX-WXX-4", "2024-01-17"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, e := range got {
		if e.Value != want[i] || e.Anchored {
			t.Errorf("%q: got %s (anchored %v), want %s", e.Text, e.Value, e.Anchored, want[i])
		}
	}
}

func TestNarrative(t *testing.T) {
	tg, _ := New()
	// Relative times of a narrative count from the day just named.
	got := tg.Find("On January 16, Iran struck. Two days later, Pakistan replied; the next day talks began.", friday)
	want := []string{"2024-01-16", "2024-01-18", "2024-01-19"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, e := range got {
		if e.Value != want[i] {
			t.Errorf("%q: %s, want %s", e.Text, e.Value, want[i])
		}
	}
	// The last expression of each text, "text|value", in a history.
	for _, tc := range []struct{ why, text, last string }{
		{"a history names far years: a month without one is of the last",
			"In 1939 war broke out. By 1940 France fell; in 1941 and 1942 the war spread. In June, the armies met.", "June|1942-06"},
		{"days named without their year do not hold a history back from its own years",
			"In 1914 the war began; on 7 August and 10 August the armies moved. In 1915, 1916 and 1917 it went on. On 12 September they met.", "12 September|1917-09-12"},
		{"two far years are enough to tell a history",
			"The war of 1914 began on 28 July 1914. On 7 August the armies moved.", "7 August|1914-08-07"},
		{"a month is of the year narrated, even from the year's last day",
			"In 1914 the war began. In 1915, 1916 and 1917 it went on. In January the armies met.", "January|1917-01"},
		{"a season likewise",
			"In 1914 the war began. In 1915, 1916 and 1917 it went on. In the summer they fought.", "the summer|1917-SU"},
		{"days counted from the last one named are the narrative's time, not the document's",
			"In 1915 and 1916 the war went on. On 5 May the armies met; two days later they fought and the next day they rested. In June they left.", "June|1916-06"},
		{"a year named inside a sentence after a full day does not move the narrative",
			"In 1974 the truce failed. On 10 March 1975 the attack began, for a campaign planned in 1976. The lines collapsed on 11 March.", "11 March|1975-03-11"},
		{"one that opens its sentence does",
			"In 1974 the truce failed. On 10 March 1975 the attack began. In 1976 the lines collapsed on 11 March.", "11 March|1976-03-11"},
		{"a text headed by a far year narrates it from the start",
			"1936\n\nCoup leader Sanjurjo was killed on 20 July.", "20 July|1936-07-20"},
		{"a bare year far from the narrative's is an aside until a second year confirms it",
			"In 1919 the war began. In 1920 the armies met; documents found in 2004 showed the codes were broken. On 6 September the cavalry fought.", "6 September|1920-09-06"},
	} {
		got := tg.Find(tc.text, friday)
		if len(got) == 0 {
			t.Errorf("%s: nothing found", tc.why)
			continue
		}
		if last := got[len(got)-1]; last.Text+"|"+last.Value != tc.last {
			t.Errorf("%s: got %s|%s, want %s", tc.why, last.Text, last.Value, tc.last)
		}
	}
}

func TestTenseOption(t *testing.T) {
	tg, _ := New()
	got := tg.FindWith("on Monday", friday, Options{Tense: "future"})
	if len(got) != 1 || got[0].Value != "2024-04-15" {
		t.Errorf("future Monday: got %v", got)
	}
	got = tg.FindWith("on Monday", friday, Options{Tense: "past"})
	if len(got) != 1 || got[0].Value != "2024-04-08" {
		t.Errorf("past Monday: got %v", got)
	}
}

func TestAbsurdDates(t *testing.T) {
	tg, _ := New()
	for _, text := range []string{"February 30, 2024", "on 2024-02-30", "in the year 99999", "13/45/2024", "Jan. 0"} {
		for _, e := range tg.Find(text, friday) {
			if e.Granularity == Day {
				t.Errorf("%q: a day that does not exist: %+v", text, e)
			}
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"On January 16, Iran launched", "5 p.m. EST, Nov. 9", "the 1990s", "mid-1996", "twenty-five years ago", "'90s", "Jan.", "\xff\xfe 2024-13-45"} {
		f.Add(s)
	}
	tg, _ := New()
	f.Fuzz(func(t *testing.T, text string) {
		for _, e := range tg.Find(text, friday) {
			if e.Span.Start < 0 || e.Span.End > len(text) || e.Span.Start >= e.Span.End {
				t.Fatalf("bad span %v of %q", e.Span, text)
			}
			if e.Value == "" || !utf8.ValidString(e.Value) {
				t.Fatalf("bad value %q for %q", e.Value, e.Text)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("On January 16, Iran launched drone and missile attacks on two bases, a week after an attack in December 2023 killed 11 officers; the two countries restored ties in late January and met on Thursday. ", 20)
	tg, _ := New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Find(text, friday)
	}
}
