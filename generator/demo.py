"""A synthetic school of any size, for demonstrations and benchmarks.

Every name and detail is made up from the lists below. The records are written as
they would stand on AS_OF, so a check on that date finds only a few rule findings
of the kind a real school has: a missed review, an overdue EHCP review.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

AS_OF = date(2026, 12, 3)
DAY = timedelta(days=1)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml is 5x faster
HALVES = ("autumn-1", "autumn-2", "spring-1", "spring-2", "summer-1", "summer-2")
CALENDAR = """
2025-26 2025-09-04 2025-10-24 2025-11-03 2025-12-19 2026-01-05 2026-02-13
2025-26 2026-02-23 2026-03-27 2026-04-13 2026-05-22 2026-06-01 2026-07-21
2026-27 2026-09-03 2026-10-23 2026-11-02 2026-12-18 2027-01-05 2027-02-12
2026-27 2027-02-22 2027-03-25 2027-04-12 2027-05-28 2027-06-07 2027-07-21
"""
SCALES = """
standardised-score 40 160 + Standardised score (mean 100)
: well below average 40 69; below average 70 84; average 85 115; above average 116 160
sdq-total-difficulties 0 40 - SDQ total difficulties (teacher)
: close to average 0 11; slightly raised 12 15; high 16 18; very high 19 40
boxall-developmental 0 136 + Boxall Profile, developmental strand total
scq-lifetime 0 39 - Social Communication Questionnaire (lifetime)
: below the screening cut-off 0 14; at or above the screening cut-off 15 39
wellbeing-scale 12 60 + Stirling Children's Wellbeing Scale
reading-age-months 48 204 + Reading age in months
goal-attainment -2 2 + Goal attainment scaling
: less than expected -2 -1; as expected 0 0; more than expected 1 2
attendance-percent 0 100 + Attendance (%)
"""
# Per area: @code domain needs name; M scale low high measure; E EHCP outcome;
# T ILP target; P programme id, role and name, then D its description.
AREAS = """
@literacy academic MLD,SpLD,SLCN Literacy (reading and writing)
M reading-age-months 60 130 Salford Sentence Reading Test
M standardised-score 58 92 York Assessment of Reading for Comprehension (YARC)
E {n} will read age-appropriate texts with understanding and write a clear paragraph.
T {n} will read a short passage aloud, using phonics to work out unfamiliar words.
T {n} will write three linked sentences using capital letters and full stops.
T {n} will answer 'why' questions about a text read together in class.
P fresh-start teaching-assistant Read Write Inc. Fresh Start
D Systematic phonics and reading fluency in groups of three or four, five mornings a week.
P precision-teaching teaching-assistant Precision Teaching
D Short daily one-to-one sessions on a few words, with a one-minute probe charted daily.
@numeracy academic MLD,SpLD Numeracy
M standardised-score 55 92 Progress in Understanding Mathematics Assessment (PUMA)
E {n} will use number confidently in everyday situations such as shopping and time.
T {n} will add and subtract two-digit numbers using a number line or column method.
T {n} will tell the time to five minutes on an analogue clock.
T {n} will pay for items and check the change using coins and notes.
P catch-up-numeracy teaching-assistant Catch Up Numeracy
D Two fifteen-minute one-to-one sessions a week on the number skills not yet secure.
P numicon teaching-assistant Numicon intervention
D Hands-on number work with Numicon shapes and number lines, in pairs.
@speech-language academic SLCN,ASC Speech and language
M standardised-score 50 85 CELF-5 core language score
E {n} will understand and follow spoken instructions in class without repetition.
T {n} will ask for an instruction to be repeated or shown when it is not understood.
T {n} will retell a short story in order using who, where and what happened.
T {n} will use sentences of five or more words to explain an idea in class.
P salt speech-and-language-therapist Speech and language therapy
D Direct therapy from the NHS therapist, with a programme staff carry out between visits.
P colourful-semantics teaching-assistant Colourful Semantics
D Colour-coded sentence building to help pupils understand and use longer sentences.
@fine-motor academic SpLD,PD Handwriting and fine motor skills
M standardised-score 55 88 Beery VMI, visual-motor integration
E {n} will write legibly, or use a laptop, to record work at the pace of the class.
T {n} will form all lower-case letters correctly on lined paper.
T {n} will type a paragraph using two hands at ten words a minute.
P occupational-therapy occupational-therapist Occupational therapy
D A block of therapy on handwriting and self-care, then a programme for class staff.
@emotional-regulation psed SEMH,ASC Emotional regulation
M sdq-total-difficulties 15 32 Strengths and Difficulties Questionnaire, teacher
E {n} will recognise rising feelings and use an agreed strategy or ask for a break.
T {n} will name the zone they are in at check-ins and pick a tool to match it.
T {n} will use a break card and return to class within ten minutes.
T {n} will talk through an incident with an adult once calm, saying what helped.
P zones teaching-assistant Zones of Regulation
D Teaching of the four zones and a personal toolkit of calming and alerting strategies.
P elsa teaching-assistant ELSA (emotional literacy support)
D Weekly half-hour sessions with a trained emotional literacy support assistant.
P counselling counsellor School counselling
D Fifty-minute weekly sessions with the school's counsellor, reviewed after twelve weeks.
P camhs camhs CAMHS Mental Health Support Team
D Low-intensity CBT in school with a practitioner from the Mental Health Support Team.
@social-communication psed ASC,SLCN Social communication and interaction
M scq-lifetime 15 32 Social Communication Questionnaire (lifetime), completed by parent
M goal-attainment -2 -1 Goal attainment scaling: starting a conversation with a peer
E {n} will start and keep up a conversation with a familiar peer, taking turns.
T {n} will start a conversation with a peer at lunchtime, using prompt cards if needed.
T {n} will take turns in a group game for ten minutes without adult help.
T {n} will tell a peer when they disagree, in a calm voice, without leaving the group.
P talkabout speech-and-language-therapist Talkabout social communication group
D A weekly small-group programme on body language, conversation and friendship.
P lego-based-therapy teaching-assistant LEGO-based therapy
D Groups of three build together as engineer, supplier and builder, taking turns.
@sensory-processing psed ASC Sensory processing
M goal-attainment -2 -1 Goal attainment scaling: staying in busy spaces
E {n} will use a sensory plan to stay calm and ready to learn through the school day.
T {n} will choose a sensory break from the visual menu when the room gets too loud.
T {n} will stay in assembly or the dining hall for fifteen minutes with ear defenders.
P sensory-circuits teaching-assistant Sensory circuits
D A ten-minute alerting, organising and calming circuit before the first lesson.
@self-esteem psed SEMH Self-esteem and wellbeing
M wellbeing-scale 20 38 Stirling Children's Wellbeing Scale
E {n} will speak positively about their own strengths and try new things in class.
T {n} will name one thing they did well at the end of each day.
T {n} will attempt a new task before asking for help, using a 'have a go' card.
P drawing-and-talking teaching-assistant Drawing and Talking
D Twelve weekly sessions of non-directive drawing with a trained adult.
@social-skills psed SEMH Friendships and social skills
M boxall-developmental 40 95 Boxall Profile, developmental strand total
E {n} will make and keep friendships, sorting out small disagreements with support.
T {n} will join a structured game at break and stay for the whole game.
T {n} will say sorry and suggest a way to put things right after a falling out.
P nurture-group teaching-assistant Nurture group
D Four afternoons a week in a small nurture group, with Boxall Profile tracking.
@learning-behaviours psed SEMH Attention and learning behaviours
M sdq-total-difficulties 14 30 Strengths and Difficulties Questionnaire, teacher
E {n} will stay on task for longer and complete work with fewer adult prompts.
T {n} will work on a task for fifteen minutes using a now-and-next board.
T {n} will start work within two minutes of the instruction, without a prompt.
P educational-psychology educational-psychologist Educational psychology
D Assessment, consultation with staff and family, and a short programme of direct work.
@employment pfa SEMH,MLD Employment and further learning
M goal-attainment -2 -1 Goal attainment scaling: readiness for work experience
E {n} will gain the experience and confidence to start a college course they choose.
T {n} will complete a weekly work placement, arriving on time for six weeks running.
T {n} will write a short CV and practise a college interview with a new adult.
P work-experience careers-adviser Supported work experience
D A weekly placement with a local employer, with a job coach at first.
@independent-living pfa ASC,MLD Independent living
M goal-attainment -2 -1 Goal attainment scaling: travelling a familiar route
E {n} will travel independently and manage everyday tasks such as simple cooking.
T {n} will travel the bus route to town with an adult following at a distance.
T {n} will plan, shop for and cook a simple meal with picture instructions.
P travel-training travel-trainer Independent travel training
D Step-by-step training on a planned route until the learner travels it alone.
@community-participation pfa SEMH,ASC Friends, relationships and community participation
M goal-attainment -2 -1 Goal attainment scaling: taking part in a community club
E {n} will take part in a club or activity in the community that they have chosen.
T {n} will attend a weekly youth club session with a friend from school.
T {n} will order food in a café and pay for it without adult help.
@health pfa SEMH Good health
M goal-attainment -2 -1 Goal attainment scaling: keeping a healthy routine
E {n} will keep a healthy routine of sleep, food and exercise and know who to ask.
T {n} will keep a sleep and exercise diary for four weeks with a weekly check-in.
T {n} will explain how to book a GP appointment and practise it by role play.
"""
SUBJECTS = """
English|Write a short recount in paragraphs, using time conjunctions.
English|Read a class novel and explain how a character changes.
Maths|Add and subtract numbers with up to four digits using the column method.
Maths|Solve one-step word problems involving money and measures.
Science|Plan a fair test with support and say which variable will change.
Science|Describe the life cycle of a plant using the correct words.
Computing|Create a short presentation with text and pictures and save it safely.
PSHE|Describe safe and unsafe situations online and who to tell.
Art|Use shading and colour mixing to show light and dark in a still life.
PE|Follow the rules of a team game and explain a rule to others.
Food technology|Follow a recipe to make a simple savoury dish, working safely.
Humanities|Place five events from a topic on a timeline and explain one cause.
"""
GIVEN = """Zoë Siobhán Łucja Amara Chloé Aoife Oisín Seán Dáithí Niamh Ffion Cerys Rhys
Dylan Olivia Amelia Isla Ruby Poppy Evie Grace Maya Nia Keisha Demi Jack Noah Leo Alfie
Kai Ethan Mason Tyler Jayden Callum Renée Anaïs José Tomás Lucía Iñigo Björn Zoltán
Ngozi Chidi Adaeze Kwame Kofi Fatima Aisha Yusuf Ibrahim Omar Leila Priya Arjun Anika
Rohan Harpreet Jaspreet Mei Wei Hana Kenji Yuki Mateusz Zofia Kacper Wiktoria Ioana
Andrei Elif Emre Dawit Selam Abdi Hodan Marta Oluwaseun/Seun Alexander/Alex
Mohammed/Mo Elizabeth/Lizzie Nathaniel/Nate Gabrielle/Gabby"""
FAMILY = """O'Brien O'Connor D'Souza McAllister MacLeod Nowak Wiśniewska Łukasiewicz
Müller Şahin Yılmaz Nguyễn Tran Kaur Singh Patel Chauhan Begum Rahman Hussain Ahmed
Okafor Adeyemi Mensah Osei Boateng Mohamed Abdi Haile Tesfaye Fernández García Pereira
Santos Rossi Novák Popescu Ivanova Petrov Evans Jones Williams Pritchard Whitfield
Thompson Hughes Clarke Walsh Murphy Campbell Nakamura Chen Wong Kim Park Haddad Khalil
Cohen Lévy Demir Hollis Ó'Raghallaigh Kowalczyk Achterberg Brennan Sørensen"""
STAFF = """Mr Osei, Ms Okafor, Mrs Fenwick, Mr Byrne, Miss Adebayo, Ms Fitzgerald,
Mr Haddad, Mrs Nguyen, Ms Kaczmarek, Mr Llewellyn, Mrs Achebe, Miss Doherty"""
SENCOS = ["Mrs Lomax (SENCO)", "Mr Grant (assistant SENCO)"]
THERAPISTS = ["Ms Arkwright (speech and language therapist)", "Dr Bello (EP)"]
GROUPS = {6: "Acorns Robins Otters Wrens", 9: "Hazel Rowan Willow Birch", 14: "Oak Elm"}
FREQUENCY = """weekly, 45 minutes|twice weekly, 30 minutes|daily, 15 minutes
three mornings a week|fortnightly direct therapy; daily programme with class staff
weekly, one hour|daily, before the first lesson|four afternoons a week"""
CRITERIA = """Seen without an adult prompt|Recorded in the class log|Shown in observed lessons
Reported by two different adults|Seen at break and lunch as well as in class"""
OFTEN = """on four days out of five|in three of four observed sessions|at least
once a day|on most days|in every observed lesson"""
SPAN = """for three weeks running.|across a whole half term.|for four weeks in a row.
in two different subjects.|with two different adults."""
GOOD = """Steady progress; now manages this with one prompt most days.
Seen most days in class and at lunch; staff reduce prompts next.
Doing this more often, mainly in the mornings.
A good half term; the visual reminders are working well.
Managed this independently on several occasions this half term.
Progress is slower after the holiday but moving in the right direction.
Confident in small groups; still needs support in whole-class lessons.
{n} is proud of this and talks about it at home."""
AHEAD = """Ahead of where we expected; the target may be met early.
Doing this without prompts; staff will agree a harder next step with {n}."""
BEHIND = """Little progress this half term after a difficult few weeks at home.
Several absences have made this hard to practise; plan reviewed with family.
Finding this harder since the class change; extra adult support agreed.
Not yet seen without an adult; strategy to be changed after discussion."""
ACHIEVED = """Met the success criteria over the last three weeks.
Achieved; {n} chose the next target at the review."""
SESSIONS = """Attends every session and joins in readily.
Enjoys the sessions; staff see the skills used in class.
Missed two sessions through absence; otherwise engaged.
Quiet in the group but takes part when invited.
Practitioner reports good progress against the programme goals."""
NEXT = """Next step is to do this without the visual.|Family are using the same
approach at home.|We will try this in a second setting next half term.|Staff will
fade prompts over the next few weeks."""
COMMENTS = """I like the calm corner. Maths is getting easier.|I don't like it when
it's noisy at lunch.|My favourite thing is cooking on Fridays.|I want to get better at
reading so I can read to my sister.|Talking in the group is hard but it's OK.|I got a
certificate for my writing.|I don't want to change class.|The new timetable helps me
know what's next.|I want to go to college and work with animals.|Football club is the
best bit of the week.|I still get cross sometimes but I use my card now."""
VOICES = """I want to have someone to talk to at lunch.|I want to read better and do
more on my own.|I don't like it when people talk really fast.|I want to stay in class
more and not get sent out.|I want to go to college when I leave.|I'd like to be better
at maths so I can use money."""
NOT_HELD = """{n} was in hospital for most of the half term; the hospital school sent
reports.|{n} was on a reduced timetable agreed with the local authority and the
review was moved to the EHCP meeting.|Family bereavement: the review was postponed
at the family's request and recorded at the annual review."""
NOTES = """Completed over two short sessions with breaks.|Found the timed section
difficult.|Anxious in the test room; the score may understate ability.|Parent and
teacher ratings were close."""


def _split(text: str, sep: str = "|") -> list[str]:
    return [part.strip() for part in " ".join(text.split("\n")).split(sep) if part]


def _lines(text: str) -> list[str]:
    return [line for line in text.strip().splitlines() if line]


def _parse_areas() -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    areas: dict[str, dict[str, Any]] = {}
    programmes: list[dict[str, Any]] = []
    area: dict[str, Any] = {}
    for line in _lines(AREAS):
        kind, rest = line[0], line[2:] if line[0] != "@" else line[1:]
        if kind == "@":
            code, domain, needs, name = rest.split(" ", 3)
            area = {"name": name, "domain": domain, "needs": needs.split(",")}
            areas[code] = {**area, "code": code, "M": [], "E": [], "T": []}
            area = areas[code]
        elif kind == "M":
            scale, low, high, measure = rest.split(" ", 3)
            area["M"].append((measure, scale, int(low), int(high)))
        elif kind in "ET":
            area[kind].append(rest)
        elif kind == "P":
            ident, role, name = rest.split(" ", 2)
            programmes.append(
                {"id": ident, "name": name, "area": area["code"], "delivered_by": role}
            )
        else:
            programmes[-1]["description"] = rest
    return areas, programmes


AREA, PROGRAMMES = _parse_areas()
BY_AREA = {a: [p["id"] for p in PROGRAMMES if p["area"] == a] for a in AREA}
TERMS = [
    (year, HALVES[3 * (n % 2) + i], date.fromisoformat(s), date.fromisoformat(e))
    for n, row in enumerate(_lines(CALENDAR))
    for year, *days in [row.split()]
    for i, (s, e) in enumerate(zip(days[::2], days[1::2], strict=True))
]


def school_data() -> dict[str, Any]:
    """The contents of the demo school's school.yaml."""
    calendar: dict[str, dict[str, Any]] = {}
    for year, half, start, end in TERMS:
        calendar.setdefault(year, {})[half] = {"start": start, "end": end}
    scales: dict[str, Any] = {}
    for line in _lines(SCALES):
        if line.startswith(":"):
            bands = [band.rsplit(" ", 2) for band in line[2:].split("; ")]
            scale["bands"] = [{"name": b, "min": int(lo), "max": int(hi)} for b, lo, hi in bands]  # fmt: skip # noqa: E501
            continue
        code, low, high, sign, name = line.split(" ", 4)
        scale = {"name": name, "min": int(low), "max": int(high)}
        scales[code] = scale | {"higher_is_better": sign == "+"}
        scale = scales[code]
    return {
        "school": "Hollybrook Demonstration School",
        "timezone": "Europe/London",
        "calendar": [{"year": y, "half_terms": h} for y, h in calendar.items()],
        "settings": {"baseline_window_days": 42, "review_grace_days": 10},
        "targets": {"baseline": 1.0, "outcomes": 1.0, "interventions": 1.0},
        "areas": {
            code: {k: a[k] for k in ("name", "domain", "needs")}
            for code, a in AREA.items()
        },
        "scales": scales,
    }
