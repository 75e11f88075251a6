package source

import (
	"strings"
	"testing"
)

// reuters is Reuters-21578 SGML: a full story, a BRIEF, an UNPROC table,
// a record with a broken date and a Latin-1 byte, and one left open at
// the end of the file.
const reuters = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<UNKNOWN> 
&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<AUTHOR>    By Jane Doe, Reuters</AUTHOR>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone, said &lt;Comissaria Smith> &amp; Co.
    The dry period means the temporao will be late this year.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" OLDID="5545" NEWID="5">
<DATE>  3-MAR-1987 00:43:42.82</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS NEWID="6"><DATE>27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM</DATE>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26
 Net free reserves.............644 vs.....1,337
&#3;</TEXT>
</REUTERS>
<REUTERS NEWID="7"><DATE>31-FEB-1987</DATE>
<TEXT><TITLE>M` + "\xdc" + `NCHEN TALKS</TITLE><BODY>Talks in M` + "\xfc" + `nchen.</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="9"><DATE>31-MAR-1987 605:12:19.12</DATE><TEXT><TITLE>BAD CLOCK</TITLE></TEXT></REUTERS>
<REUTERS NEWID="8"><DATE>1-APR-1987 10:00:00.00</DATE>
<TEXT><TITLE>CUT SHORT</TITLE><DATELINE>LONDON, April 1 - </DATELINE><BODY>The story was cut
`

func TestReadSGML(t *testing.T) {
	want := []got{
		{key: "P#1", id: "1", title: "BAHIA COCOA REVIEW", author: "Jane Doe, Reuters", published: "1987-02-26T15:01:01", from: "record",
			text: "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, said <Comissaria Smith> & Co.\n\nThe dry period means the temporao will be late this year."},
		{key: "P#5", id: "5", title: "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK", published: "1987-03-03T00:43:42",
			text: "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK"},
		{key: "P#6", id: "6", published: "1987-03-27T00:02:59", text: "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n\nNet free reserves.............644 vs.....1,337"},
		{key: "P#7", id: "7", title: "MÜNCHEN TALKS", text: "MÜNCHEN TALKS\n\nTalks in München.", warns: `DATE: date "31-FEB-1987"`},
		{key: "P#9", id: "9", published: "1987-03-31", text: "BAD CLOCK", warns: `DATE "31-MAR-1987 605:12:19.12": no time of day read, the day kept`},
		{key: "P#8", id: "8", title: "CUT SHORT", published: "1987-04-01T10:00:00", text: "CUT SHORT\n\nLONDON, April 1 - The story was cut", warns: "record 6: no </REUTERS>"},
	}
	for _, name := range []string{"reut2-000.sgm", "reuters.txt"} {
		path, arts := readFile(t, name, reuters, Options{})
		check(t, path, arts, want)
		if strings.Contains(arts[1].text, "Blah") {
			t.Errorf("a BRIEF's filler read: %q", arts[1].text)
		}
	}
	// A record opened inside another: the first ends where the second starts.
	path, arts := readFile(t, "open.sgm", `<REUTERS NEWID="1"><TEXT><TITLE>ONE</TITLE><BODY>First.`+"\n"+`<REUTERS NEWID="2"><TEXT><TITLE>TWO</TITLE><BODY>Second.</BODY></TEXT></REUTERS>`, Options{})
	check(t, path, arts, []got{{key: "P#1", text: "ONE\n\nFirst.", warns: "record 1: no </REUTERS>"}, {key: "P#2", text: "TWO\n\nSecond."}})
	// A record without an id is numbered.
	path, arts = readFile(t, "noid.sgm", `<REUTERS><TEXT><BODY>Bodies only.</BODY></TEXT></REUTERS><REUTERS></REUTERS>`, Options{})
	check(t, path, arts, []got{{key: "P#1", text: "Bodies only."}, {key: "P#2", warns: "no text"}})
}

const tempeval = `<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>AFP_ENG_20061202.0379</DOCID>
<DCT>LONDON, <TIMEX3 tid="t0" type="TIME" value="2006-12-02" temporalFunction="false" functionInDocument="CREATION_TIME">Dec 2 , 2006</TIMEX3>, 2006</DCT>
<TITLE>Former Russian spy's book attracting high bids</TITLE>
<TEXT>

<EVENT class="OCCURRENCE" eid="e1">Sale</EVENT> of the book co-written by Alexander Litvinenko &amp; others is up <TIMEX3 type="DATE" value="2006-11-27" tid="t4">five days ago</TIMEX3>.

It has three days <EVENT class="OCCURRENCE" eid="e12">left</EVENT>.
</TEXT>
</TimeML>
`

const semeval = `<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>4764</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2005-02-17">2005-02-17</TIMEX3></DCT>
<EXTRAINFO>Boeing unveils long-range 777</EXTRAINFO>
<TEXT><s id="0">Boeing unveils long-range 777</s><s id="1">February 17 , 2005</s><s id="2">Boeing has <EVENT eid="e1">unveiled</EVENT> a new airliner .</s></TEXT>
</TimeML>`

func TestReadTimeML(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []got
	}{
		{"AFP_ENG_20061202.0379.tml", tempeval, []got{{key: "P", title: "Former Russian spy's book attracting high bids", published: "2006-12-02", from: "record",
			text: "Former Russian spy's book attracting high bids\n\nSale of the book co-written by Alexander Litvinenko & others is up five days ago.\n\nIt has three days left."}}},
		{"4764_Boeing.tml", semeval, []got{{key: "P", published: "2005-02-17",
			text: "Boeing unveils long-range 777\nFebruary 17 , 2005\nBoeing has unveiled a new airliner ."}}},
		{"no-dct.xml", "<TimeML><TEXT>Iran launched missile attacks.</TEXT></TimeML>", []got{{key: "P", text: "Iran launched missile attacks."}}},
		{"timeline.tml", `<TimeML><DCT><TIMEX3 functionInTimeline="CREATION_TIME" value="1998-02-13T14:40">x</TIMEX3></DCT><TEXT>Text.</TEXT></TimeML>`,
			[]got{{key: "P", published: "1998-02-13T14:40:00", text: "Text."}}},
		{"bad-dct.tml", `<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" value="PRESENT_REF">now</TIMEX3></DCT><TEXT>Text.</TEXT></TimeML>`,
			[]got{{key: "P", text: "Text.", warns: `document creation time: date "PRESENT_REF": not a date`}}},
		{"no-text.tml", `<TimeML><DOCID>x</DOCID>`, []got{{key: "P", warns: "no text"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, arts := readFile(t, tc.name, tc.in, Options{})
			check(t, path, arts, tc.want)
		})
	}
}
