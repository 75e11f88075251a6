package morph

import "strings"

// irregularVerbs lists English verbs whose past tense or past participle is
// not formed with -ed, one verb a line: base, past forms, participle forms
// (alternatives separated by commas). These are facts of English, written
// by hand, and consulted only for forms the training treebank never showed
// with the queried tag; the treebank's own lemmas always win. They matter
// for news text, whose verbs ("sought", "fought", "slain", "overran") are
// often missing from a small web treebank.
const irregularVerbs = `
arise arose arisen
awake awoke awoken
bear bore borne,born
beat beat beaten
become became become
befall befell befallen
begin began begun
behold beheld beheld
bend bent bent
beset beset beset
bet bet bet
bid bid bid
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burn burnt,burned burnt,burned
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
do did done
draw drew drawn
dream dreamt dreamt
drink drank drunk
drive drove driven
dwell dwelt dwelt
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade forbidden
forecast forecast forecast
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
forsake forsook forsaken
freeze froze frozen
get got gotten,got
give gave given
go went gone
grind ground ground
grow grew grown
hang hung hung
have had had
hear heard heard
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
know knew known
lay laid laid
lead led led
lean leant leant
leap leapt leapt
learn learnt learnt
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mislead misled misled
mistake mistook mistaken
overcome overcame overcome
overrun overran overrun
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid paid
prove proved proven
put put put
quit quit quit
read read read
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
sew sewed sewn
shake shook shaken
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slit slit slit
smite smote smitten
speak spoke spoken
speed sped sped
spend spent spent
spill spilt spilt
spin spun spun
spit spat spat
split split split
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
stink stank stunk
stride strode stridden
strike struck struck,stricken
string strung strung
strive strove striven
swear swore sworn
sweep swept swept
swell swelled swollen
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
thrust thrust thrust
tread trod trodden
undergo underwent undergone
understand understood understood
undertake undertook undertaken
undo undid undone
uphold upheld upheld
upset upset upset
wake woke woken
wear wore worn
weave wove woven
weep wept wept
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
wring wrung wrung
write wrote written
`

// irregularOther lists other forms whose lemma suffix rules get wrong, as
// "XPOS form lemma" lines: -ie verbs before -ing, and nouns with irregular
// or Latin/Greek plurals.
const irregularOther = `
VBG dying die
VBG lying lie
VBG tying tie
VBG vying vie
VBG untying untie
NNS men man
NNS women woman
NNS children child
NNS feet foot
NNS teeth tooth
NNS geese goose
NNS mice mouse
NNS lice louse
NNS oxen ox
NNS criteria criterion
NNS phenomena phenomenon
NNS crises crisis
NNS analyses analysis
NNS theses thesis
NNS hypotheses hypothesis
NNS diagnoses diagnosis
NNS syntheses synthesis
NNS oases oasis
NNS parentheses parenthesis
NNS indices index
NNS appendices appendix
NNS matrices matrix
NNS vertices vertex
NNS alumni alumnus
NNS cacti cactus
NNS fungi fungus
NNS nuclei nucleus
NNS stimuli stimulus
NNS radii radius
NNS wolves wolf
NNS knives knife
NNS wives wife
NNS lives life
NNS leaves leaf
NNS halves half
NNS shelves shelf
NNS thieves thief
NNS selves self
NNS loaves loaf
NNS calves calf
NNS scarves scarf
NNS wharves wharf
NNS heroes hero
NNS potatoes potato
NNS tomatoes tomato
NNS embargoes embargo
NNS vetoes veto
NNS echoes echo
NNS torpedoes torpedo
NNS volcanoes volcano
NNS mosquitoes mosquito
NNS dominoes domino
NNS tornadoes tornado
`

// irregularEntry is one hand-written (form, XPOS) → lemma fact.
type irregularEntry struct {
	form, xpos, lemma string
}

// irregulars parses the hand-written tables. It is called by Train, so the
// facts end up inside the model and a model file is self-contained.
func irregulars() []irregularEntry {
	var out []irregularEntry
	for line := range strings.SplitSeq(irregularVerbs, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		for _, p := range strings.Split(f[1], ",") {
			out = append(out, irregularEntry{p, "VBD", f[0]})
		}
		for _, p := range strings.Split(f[2], ",") {
			out = append(out, irregularEntry{p, "VBN", f[0]})
		}
	}
	for line := range strings.SplitSeq(irregularOther, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		out = append(out, irregularEntry{f[1], f[0], f[2]})
	}
	return out
}
