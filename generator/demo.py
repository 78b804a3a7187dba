"""A made-up school of any size, for demonstrations and benchmarks.

The records stand as a school's would on AS_OF: checked on that day they give the
rule findings a real school has (a missed review, an overdue EHCP annual review, a
missing ILP) but never an unreadable file or a broken reference. Every name and
sentence comes from the lists below, drawn with random.Random seeded from the seed
and the learner's number, so a seed always gives the same files, byte for byte.
"""

from __future__ import annotations

import os
import random
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from itertools import repeat
from pathlib import Path
from typing import Any

import yaml

AS_OF = date(2026, 12, 3)
DAY = timedelta(days=1)
Data = dict[str, Any]
HALVES = ("autumn-1", "autumn-2", "spring-1", "spring-2", "summer-1", "summer-2")
# The calendar of records/school.yaml: each line is a year and three half terms.
CALENDAR = """
2025-26 2025-09-04 2025-10-24 2025-11-03 2025-12-19 2026-01-05 2026-02-13
2025-26 2026-02-23 2026-03-27 2026-04-13 2026-05-22 2026-06-01 2026-07-21
2026-27 2026-09-03 2026-10-23 2026-11-02 2026-12-18 2027-01-05 2027-02-12
2026-27 2027-02-22 2027-03-25 2027-04-12 2027-05-28 2027-06-07 2027-07-21
"""
# Per scale: code, lowest, highest, + when higher is better, name; then its bands.
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
# Per area: @code domain needs name; M scale low high measure; E an EHCP outcome;
# T an ILP target; P a programme's id, role and name, then D its description.
AREAS = """
@literacy academic MLD,SpLD,SLCN Literacy (reading and writing)
M reading-age-months 60 130 Salford Sentence Reading Test
M standardised-score 58 92 York Assessment of Reading for Comprehension (YARC)
E {n} will read age-appropriate texts with understanding and write a clear paragraph.
T {n} will read a short passage aloud, using phonics to work out unfamiliar words.
T {n} will write three linked sentences using capital letters and full stops.
T {n} will answer 'why' questions about a text read together in class.
P fresh-start teaching-assistant Read Write Inc. Fresh Start
D Systematic phonics and reading fluency in small groups, five mornings a week.
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
D Direct therapy from the NHS therapist, and a programme staff follow between visits.
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
D Weekly fifty-minute sessions with the school's counsellor, reviewed at twelve weeks.
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
# Word lists: "#key|" and then the entries, separated by "|".
PHRASES = """
#given| Zoë Siobhán Łucja Amara Chloé Aoife Oisín Seán Dáithí Niamh Ffion Cerys Rhys
Dylan Olivia Amelia Isla Ruby Poppy Evie Grace Maya Nia Keisha Demi Jack Noah Leo
Alfie Kai Ethan Mason Tyler Jayden Callum Renée Anaïs José Tomás Lucía Iñigo Björn
Zoltán Ngozi Chidi Adaeze Kwame Kofi Fatima Aisha Yusuf Ibrahim Omar Leila Priya
Arjun Anika Rohan Harpreet Jaspreet Mei Wei Hana Kenji Yuki Mateusz Zofia Kacper
Wiktoria Ioana Andrei Elif Emre Dawit Selam Abdi Hodan Marta Oluwaseun/Seun
Alexander/Alex Mohammed/Mo Elizabeth/Lizzie Nathaniel/Nate Gabrielle/Gabby #family|
O'Brien O'Connor D'Souza McAllister MacLeod Nowak Wiśniewska Łukasiewicz Müller
Şahin Yılmaz Nguyễn Tran Kaur Singh Patel Chauhan Begum Rahman Hussain Ahmed Okafor
Adeyemi Mensah Osei Boateng Mohamed Abdi Haile Tesfaye Fernández García Pereira
Santos Rossi Novák Popescu Ivanova Petrov Evans Jones Williams Pritchard Whitfield
Thompson Hughes Clarke Walsh Murphy Campbell Nakamura Chen Wong Kim Park Haddad
Khalil Cohen Lévy Demir Hollis Ó'Raghallaigh Kowalczyk Achterberg Brennan Sørensen
#staff| Mr Osei| Ms Okafor| Mrs Fenwick| Mr Byrne| Miss Adebayo| Ms Fitzgerald| Mr
Haddad| Mrs Nguyen| Ms Kaczmarek| Mr Llewellyn| Mrs Achebe| Miss Doherty #senco| Mrs
Lomax (SENCO)| Mr Grant (assistant SENCO) #therapist| Ms Arkwright (speech and
language therapist)| Dr Bello (educational psychologist) #6| Acorns| Robins| Otters|
Wrens #9| Hazel| Rowan| Willow| Birch #14| Oak| Elm| Cedar #frequency| weekly, 45
minutes| twice weekly, 30 minutes| daily, 15 minutes| three mornings a week|
fortnightly direct therapy; daily programme with class staff| weekly, one hour|
daily, before the first lesson| four afternoons a week #criteria| Seen without an
adult prompt| Recorded in the class log| Shown in observed lessons| Reported by two
different adults| Seen at break and lunch as well as in class #often| on four days
out of five| in three of four observed sessions| at least once a day| on most days|
in every observed lesson #span| for three weeks running.| across a whole half term.|
for four weeks in a row.| in two different subjects.| since the last review. #next|
Next step is to do this without the visual.| Family are using the same approach at
home.| We will try this in a second setting next half term.| Staff will fade prompts
over the next few weeks. #comment| I like the calm corner. Maths is getting easier.|
I don't like it when it's noisy at lunch.| My favourite thing is cooking on
Fridays.| I want to get better at reading so I can read to my sister.| Talking in
the group is hard but it's OK.| I got a certificate for my writing.| I don't want to
change class.| The new timetable helps me know what's next.| I want to go to college
and work with animals.| Football club is the best bit of the week.| I still get
cross sometimes but I use my card now. #voice| I want to have someone to talk to at
lunch.| I want to read better and do more on my own.| I don't like it when people
talk really fast.| I want to stay in class more and not get sent out.| I want to go
to college when I leave.| I'd like to be better at maths so I can use money.
#not_held| {n} was in hospital for most of the half term; the hospital school sent
reports.| {n} was on a reduced timetable agreed with the local authority and the
review was moved to the EHCP meeting.| Family bereavement: the review was postponed
at the family's request and recorded at the annual review. #notes| Completed over
two short sessions with breaks.| Found the timed section difficult.| Anxious in the
test room; the score may understate ability.| Parent and teacher ratings were close.
#seen| Plays alongside peers but rarely starts an exchange.| Leaves group games when
the rules change.| Needs an adult nearby to settle in the dining hall. #on-track|
Steady progress; now manages this with one prompt most days.| Seen most days in
class and at lunch; staff reduce prompts next.| Doing this more often, mainly in the
mornings.| A good half term; the visual reminders are working well.| Managed this
independently on several occasions this half term.| Progress is slower after the
holiday but moving in the right direction.| Confident in small groups; still needs
support in whole-class lessons.| {n} is proud of this and talks about it at home.
#ahead| Ahead of where we expected; the target may be met early.| Doing this without
prompts; staff will agree a harder next step with {n}. #behind| Little progress this
half term after a difficult few weeks at home.| Several absences have made this hard
to practise; plan reviewed with family.| Finding this harder since the class change;
extra adult support agreed.| Not yet seen without an adult; strategy to be changed
after discussion. #achieved| Met the success criteria over the last three weeks.|
Achieved; {n} chose the next target at the review. #session| Attends every session
and joins in readily.| Enjoys the sessions; staff see the skills used in class.|
Missed two sessions through absence; otherwise engaged.| Quiet in the group but
takes part when invited.| Practitioner reports good progress against the programme
goals. #no-evidence| No evidence this half term: {n} was absent for most of it.
#discontinued| Discontinued: no longer the right step; a new target was agreed.
#subject| English: Write a short recount in paragraphs, using time conjunctions.|
English: Read a class novel and explain how a character changes.| Maths: Add and
subtract numbers with up to four digits using the column method.| Maths: Solve
one-step word problems involving money and measures.| Science: Plan a fair test with
support and say which variable will change.| Science: Describe the life cycle of a
plant using the correct words.| Computing: Create a short presentation with text and
pictures and save it safely.| PSHE: Describe safe and unsafe situations online and
who to tell.| Art: Use shading and colour mixing to show light and dark in a still
life.| PE: Follow the rules of a team game and explain a rule to others.| Food
technology: Follow a recipe to make a simple savoury dish, working safely.|
Humanities: Place five events from a topic on a timeline and explain one cause.
"""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, with libyaml's emitter when PyYAML has it: 5x faster."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a date used twice is written twice, never as an alias


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


def _parse() -> tuple[dict[str, Data], list[Data], dict[str, Data]]:
    areas: dict[str, Data] = {}
    programmes: list[Data] = []
    for line in _lines(AREAS):
        kind, rest = line[0], line[1:].strip()
        if kind == "@":
            code, domain, needs, name = rest.split(" ", 3)
            area = {"name": name, "domain": domain, "needs": needs.split(",")}
            areas[code] = area | {"M": [], "E": [], "T": []}
        elif kind == "P":
            ident, role, name = rest.split(" ", 2)
            programmes.append({"id": ident, "name": name, "area": code})
            programmes[-1]["delivered_by"] = role
        elif kind == "D":
            programmes[-1]["description"] = rest
        else:
            areas[code][kind].append(rest.split(" ", 3) if kind == "M" else rest)
    scales: dict[str, Data] = {}
    for line in _lines(SCALES):
        if line.startswith(":"):
            bands = [band.rsplit(" ", 2) for band in line[1:].split(";")]
            scales[code]["bands"] = [
                {"name": name.strip(), "min": int(low), "max": int(high)}
                for name, low, high in bands
            ]
        else:
            code, low, high, sign, name = line.split(" ", 4)
            scales[code] = {"name": name, "min": int(low), "max": int(high)}
            scales[code]["higher_is_better"] = sign == "+"
    return areas, programmes, scales


AREA, PROGRAMMES, SCALE = _parse()
ROLE = {programme["id"]: programme["delivered_by"] for programme in PROGRAMMES}
BY_AREA = {a: [p["id"] for p in PROGRAMMES if p["area"] == a] for a in AREA}
PFA = [code for code, area in AREA.items() if area["domain"] == "pfa"]
TERMS = [
    (year, HALVES[3 * (row % 2) + i], date.fromisoformat(s), date.fromisoformat(e))
    for row, (year, *days) in enumerate(line.split() for line in _lines(CALENDAR))
    for i, (s, e) in enumerate(zip(days[::2], days[1::2], strict=True))
]
TEXT = {
    key: [part.strip() for part in parts.split("|")]
    for key, parts in (
        chunk.split("|", 1) for chunk in " ".join(PHRASES.split()).split("#")[1:]
    )
}
TERM_ENDS = [date(2027, 2, 12), date(2027, 3, 25), date(2027, 5, 28), date(2027, 7, 21)]


def school_data() -> Data:
    """The demo school's school.yaml, with the example school's calendar."""
    calendar: dict[str, Data] = {}
    for year, half, start, end in TERMS:
        calendar.setdefault(year, {})[half] = {"start": start, "end": end}
    settings: Data = {"baseline_window_days": 42, "review_grace_days": 10}
    settings |= {"on_track_min_share": 1.0, "ehcp_review_months": 12}
    return {
        "school": "Hollybrook Vale School (demonstration)",
        "timezone": "Europe/London",
        "calendar": [{"year": y, "half_terms": h} for y, h in calendar.items()],
        "settings": settings,
        "targets": dict(baseline=1.0, outcomes=1.0, interventions=1.0, on_track=0.8),
        "areas": {
            code: {key: area[key] for key in ("name", "domain", "needs")}
            for code, area in AREA.items()
        },
        "scales": SCALE,
    }


def _weekday(day: date, step: timedelta = -DAY) -> date:
    while day.weekday() > 4:
        day += step
    return day


def _between(rng: random.Random, low: date, high: date) -> date:
    """A school day from `low` to about `high`, moved out of the summer holiday."""
    day = low + DAY * rng.randint(0, max(0, (high - low).days))
    return _weekday(date(day.year, 9, 3) if day.month == 8 else day, DAY)


def _pick(rng: random.Random, weights: dict[str, float], count: int) -> list[str]:
    """Up to `count` distinct keys, drawn by weight."""
    pool, chosen = dict(weights), list[str]()
    while pool and len(chosen) < count:
        chosen.append(rng.choices(list(pool), list(pool.values()))[0])
        del pool[chosen[-1]]
    return chosen


def _say(rng: random.Random, kind: str, name: str, more: float = 0.0) -> str:
    text = rng.choice(TEXT[kind]).replace("{n}", name)
    return text + " " + rng.choice(TEXT["next"]) if rng.random() < more else text


def _measure(rng: random.Random, area: str, day: date | None = None) -> Data:
    scale, low, high, measure = rng.choice(AREA[area]["M"])
    found = {
        "measure": measure,
        "area": area,
        "value": rng.randint(int(low), int(high)),
    }
    found["scale"] = scale
    if day is not None:  # an entry measure: its placement names the area
        del found["area"]
        found["date"] = day
    elif rng.random() < 0.25:
        found["note"] = _say(rng, "notes", "")
    return found


def _improved(rng: random.Random, entry: Data, day: date) -> Data:
    scale = SCALE[entry["scale"]]
    step = rng.randint(0, max(1, (scale["max"] - scale["min"]) // 10))
    value = entry["value"] + (step if scale["higher_is_better"] else -step)
    return entry | {"value": min(scale["max"], max(scale["min"], value)), "date": day}


def _profile(rng: random.Random, number: int) -> Data:
    given, _, preferred = rng.choice(TEXT["given"][0].split()).partition("/")
    year = rng.choices(range(2, 14), (3, 4, 5, 6, 7, 9, 9, 9, 8, 8, 2, 1))[0]
    roll, leaving = rng.random(), None
    if roll < 0.05:  # leavers, mostly at the end of the summer term
        leaving = date(2026, 7, 21)
        if roll < 0.02:
            leaving = _between(rng, date(2025, 11, 3), AS_OF - 14 * DAY)
    ref = 2025 if leaving and leaving < date(2026, 9, 1) else 2026
    born = date(ref - year - 5, 9, 1) + DAY * rng.randint(0, 364)
    earliest = max(date(2019, 9, 2), date(ref - year + 1, 9, 2))
    if roll > 0.96:  # new entrants, still inside the baseline window
        entry = _between(rng, AS_OF - 38 * DAY, AS_OF - 3 * DAY)
    else:
        latest = min(AS_OF - 45 * DAY, (leaving or AS_OF) - 120 * DAY)
        entry = _between(rng, earliest, max(earliest, latest))
        september = _weekday(date(entry.year - (entry.month < 9), 9, 4), DAY)
        if rng.random() < 0.55 and earliest <= september <= latest:
            entry = september
    name = {"given": given, "family": rng.choice(TEXT["family"][0].split())}
    name |= {"preferred": preferred} if preferred else {}
    learner = {"id": f"D{number:05d}", "name": name, "date_of_birth": born}
    learner |= {"entry_date": entry} | ({"leaving_date": leaving} if leaving else {})
    groups = next(TEXT[top] for top in ("6", "9", "14") if year <= int(top))
    learner |= {"year_group": year, "group": rng.choice(groups)}
    learner["key_worker"] = rng.choice(TEXT["staff"])
    primary = rng.choices(("SEMH", "ASC", "SLCN", "MLD", "SpLD"), (45, 35, 8, 7, 5))[0]
    others = [n for n in ("SLCN", "ASC", "SEMH", "MLD", "SpLD", "PD") if n != primary]
    secondary = rng.sample(others, rng.choices((0, 1, 2), (45, 40, 15))[0])
    learner["needs"] = {"primary": primary} | (
        {"secondary": secondary} if secondary else {}
    )
    return learner


def _ehcp(rng: random.Random, learner: Data, name: str) -> list[str]:
    """Add the EHCP to `learner`; returns the areas of its outcomes."""
    needs = [learner["needs"]["primary"], *learner["needs"].get("secondary", [])]
    weights = {
        code: 3.0 if needs[0] in area["needs"] else 1.0
        for code, area in AREA.items()
        if set(needs) & set(area["needs"]) and area["domain"] != "pfa"
    }
    areas = _pick(rng, weights, rng.randint(3, 5))
    spare = {"emotional-regulation": 1.0, "numeracy": 1.0, "self-esteem": 1.0}
    areas += _pick(rng, {a: 1.0 for a in spare if a not in areas}, 3 - len(areas))
    if learner["year_group"] >= 9 and rng.random() < 0.9:
        areas[-1] = rng.choice(PFA)
    entry = learner["entry_date"]
    issued = max(entry - DAY * rng.randint(30, 900), learner["date_of_birth"])
    if rng.random() < 0.1:  # assessed after joining the school
        issued = min(entry + DAY * rng.randint(60, 300), AS_OF - 30 * DAY)
    reviews, day = [], issued + DAY * rng.randint(320, 360)
    while day <= min(AS_OF, learner.get("leaving_date", AS_OF)):
        reviews.append(_weekday(day))
        day += DAY * rng.randint(320, 360)
    if reviews and rng.random() < 0.03:  # the latest annual review not yet held
        reviews.pop()
    ehcp: Data = {"issued": _weekday(issued), "annual_reviews": reviews}
    if learner["year_group"] in (6, 11) and "leaving_date" not in learner:
        kind = "school" if learner["year_group"] == 6 else "post-16"
        ehcp["next_phase"] = {"kind": kind, "year": 2027}
    ehcp["outcomes"] = [
        {"id": f"E{i}", "area": a, "text": rng.choice(AREA[a]["E"]).format(n=name)}
        for i, a in enumerate(areas, 1)
    ]
    learner["ehcp"] = ehcp
    return areas


def _reviews(rng: random.Random, learner: Data, ilp_day: date) -> list[Data]:
    """A review for each half term due since entry, less the few that were missed."""
    entry, leaving = learner["entry_date"], learner.get("leaving_date")
    reviews = []
    for year, half, start, end in TERMS:
        if start < entry or (leaving and end >= leaving) or end + 10 * DAY >= AS_OF:
            continue
        roll, day = rng.random(), _weekday(end - DAY * rng.randint(0, 14))
        if roll < 0.03:  # missed: no file at all
            continue
        if roll < 0.05:  # held after the deadline
            day = _weekday(min(end + DAY * rng.randint(11, 30), AS_OF - DAY))
        elif day <= ilp_day:
            day = _weekday(min(ilp_day + DAY * rng.randint(1, 5), end + 10 * DAY))
        if leaving:
            day = min(day, _weekday(leaving - DAY))
        review = {"key": f"{year}-{half}", "date": max(day, start)}
        if roll > 0.99:
            review["not_held"] = _say(rng, "not_held", learner["name"]["given"])
        reviews.append(review)
    return reviews


def _ilp(rng: random.Random, name: str, areas: list[str], held: int, day: date) -> Data:
    """Targets towards the EHCP outcomes, and subject outcomes. An item's `done` is
    the review at which it was achieved or dropped; it is removed before writing."""
    groups = [[(f"E{i}", a, t) for t in AREA[a]["T"]] for i, a in enumerate(areas, 1)]
    firsts = [rng.choice(group) for group in groups]
    others = [pair for group in groups for pair in group if pair not in firsts]
    count = rng.choices(range(4, 9), (35, 30, 17, 10, 8))[0]
    picked = firsts[:count] + rng.sample(
        others, max(0, min(len(others), count - len(firsts)))
    )
    targets = []
    for number, (ehcp_id, area, text) in enumerate(picked, 1):
        criteria = " ".join(rng.choice(TEXT[k]) for k in ("criteria", "often", "span"))
        target: Data = {"id": f"T{number}", "area": area, "ehcp_outcome": ehcp_id}
        target |= {"target": text.format(n=name), "success_criteria": criteria}
        target["by"] = rng.choice(TERM_ENDS)
        if rng.random() < 0.01:  # left active past its date, as in any school
            target["by"] = date(2026, 10, 23)
        target["status"] = "active"
        if held > 1 and rng.random() < 0.12:
            target["status"] = "achieved" if rng.random() < 0.8 else "discontinued"
            target["done"] = rng.randrange(held)
        targets.append(target)
    subjects = [TEXT["subject"][rng.randint(0, 1)], TEXT["subject"][rng.randint(2, 3)]]
    subjects += rng.sample(TEXT["subject"][4:], rng.choice((1, 1, 2)))
    outcomes = []
    for number, line in enumerate(subjects, 1):
        subject, text = line.split(": ", 1)
        outcome: Data = {"id": f"O{number}", "subject": subject, "outcome": text}
        outcome["by"] = date(2027, 7, 21) if rng.random() < 0.8 else date(2027, 3, 25)
        if held > 1 and rng.random() < 0.06:
            outcome |= {"status": "achieved", "done": rng.randrange(held)}
        outcomes.append(outcome)
    ilp: Data = {"agreed": day, "learner_involved": rng.random() < 0.96}
    if ilp["learner_involved"] and rng.random() < 0.85:
        voice = rng.sample(TEXT["voice"], rng.choice((1, 2)))
        ilp["learner_voice"] = " ".join(voice)
    return ilp | {"targets": targets, "outcomes": outcomes}


def _placements(
    rng: random.Random, priorities: list[str], areas: list[str], after: date
) -> list[Data]:
    """A current placement for each priority, then others, some of them ended."""
    history = after < AS_OF - 250 * DAY
    chosen = [(rng.choice(BY_AREA[area]), area, True) for area in priorities]
    for _ in range(rng.randint(2, 4) - len(chosen)):
        used = {programme for programme, _, _ in chosen}
        options = [(p, a) for a in areas for p in BY_AREA[a] if p not in used]
        if options:
            chosen.append((*rng.choice(options), not history or rng.random() < 0.5))
    placements = []
    for programme, area, current in chosen:
        start = _between(rng, after, after + 25 * DAY)
        if current:
            start = max(start, _between(rng, AS_OF - 540 * DAY, AS_OF - 30 * DAY))
            start = min(start, _weekday(AS_OF - DAY * rng.randint(1, 5)))
        else:
            low = max(after, AS_OF - 700 * DAY)
            start = _between(rng, low, max(low, AS_OF - 220 * DAY))
        placement = {
            "programme": programme,
            "area": area,
            "targets": [],
            "start": start,
        }
        end = _weekday(start + DAY * rng.randint(56, 180))
        placement |= {} if current else {"end": end}
        placement["frequency"] = rng.choice(TEXT["frequency"])
        placement["delivered_by"] = ROLE[programme]
        entry = _measure(rng, area, _weekday(start - DAY * rng.randint(0, 10)))
        placement["entry"] = entry
        if not current:
            placement["exit"] = _improved(rng, entry, end)
            outcomes = ("need-met", "continued", "not-met")
            placement["outcome"] = rng.choices(outcomes, (6, 2, 2))[0]
        placements.append(placement)
    return placements


def _baseline(rng: random.Random, learner: Data, areas: list[str], day: date) -> Data:
    academic = ["literacy", "numeracy"]
    academic += [a for a in ("speech-language", "fine-motor") if a in areas]
    psed = [a for a in areas if AREA[a]["domain"] == "psed"][:3] or ["self-esteem"]
    staff = [f"{learner['key_worker']} (key worker)", rng.choice(TEXT["senco"])]
    if rng.random() < 0.3:
        staff.append(rng.choice(TEXT["therapist"]))
    who = ", ".join(staff[:-1]) + " and " + staff[-1]
    baseline: Data = {"date": day, "assessed_by": who}
    baseline["academic"] = [_measure(rng, area) for area in academic]
    baseline["psed"] = [_measure(rng, area) for area in psed]
    if rng.random() < 0.3:
        seen = {"measure": "Observation at break and lunch over two weeks"}
        baseline["psed"].append(
            seen | {"area": psed[0], "value": _say(rng, "seen", "")}
        )
    return baseline


def _rated(rng: random.Random, item: Data, index: int, risk: float, name: str) -> Data:
    """The rating of a target, outcome or placement at the `index`th held review."""
    roll = rng.random()
    rating = "behind" if roll < risk else "ahead" if roll < risk + 0.1 else "on-track"
    rating = "no-evidence" if roll > 0.999 else rating
    if item.get("done") == index:
        rating = item["status"]
    rated = {"rating": "behind" if rating == "discontinued" else rating}
    if rng.random() < 0.2 or rating != "on-track":
        kind = "session" if "programme" in item and rating == "on-track" else rating
        rated["note"] = _say(rng, kind, name, 0.2)
    return rated


def _learner(rng: random.Random, number: int) -> dict[str, Any]:
    """Every file of one learner, keyed by its path inside their folder."""
    learner = _profile(rng, number)
    name = learner["name"].get("preferred", learner["name"]["given"])
    areas = _ehcp(rng, learner, name)
    files: dict[str, Any] = {"learner.yaml": learner}
    entry = learner["entry_date"]
    baseline_day = _weekday(entry + DAY * rng.randint(7, 30))
    pending = entry > AS_OF - 42 * DAY
    if pending and (baseline_day >= AS_OF or rng.random() < 0.5):
        return files
    ilp_day = min(_weekday(baseline_day + DAY * rng.randint(3, 10)), entry + 41 * DAY)
    if entry < date(2025, 8, 1):  # a new ILP as the calendar's first year began
        ilp_day = _between(rng, date(2025, 9, 8), date(2025, 9, 30))
    reviews = [] if pending else _reviews(rng, learner, ilp_day)
    held = sum("not_held" not in review for review in reviews)
    ilp = _ilp(rng, name, areas, held, ilp_day)
    targets, outcomes = ilp["targets"], ilp["outcomes"]
    primary = learner["needs"]["primary"]
    active = [t["area"] for t in targets if t["status"] == "active"]
    weights = {
        a: 3.0 if primary in AREA[a]["needs"] else 1.0 for a in active if BY_AREA[a]
    }
    priorities = _pick(rng, weights, rng.randint(1, 3))
    baseline = _baseline(rng, learner, areas, baseline_day)
    files["baseline.yaml"] = baseline | {"priorities": priorities}
    if not pending and rng.random() < 0.005:  # a settled learner's baseline not added
        del files["baseline.yaml"]
    if pending:  # no ILP yet; perhaps a first placement
        if rng.random() < 0.4:
            files["interventions.yaml"] = _placements(
                rng, priorities[:1], [], baseline_day
            )
        return files
    worked = [a for a in dict.fromkeys(t["area"] for t in targets) if BY_AREA[a]]
    placements = _placements(rng, priorities, worked, baseline_day)
    for placement in placements:
        linked = [t["id"] for t in targets if t["area"] == placement["area"]]
        placement["targets"] = linked[:2]
    files |= {"ilp.yaml": ilp, "interventions.yaml": placements}
    if rng.random() < 0.01:  # an ILP not yet written up: reviews rate placements only
        targets, outcomes = [], []
        del files["ilp.yaml"]
    struggling, index = rng.random() < 0.12, 0
    for review in reviews:
        key, day = review.pop("key"), review["date"]
        files[f"reviews/{key}.yaml"] = review
        if "not_held" in review:
            continue
        review |= {"reviewed_by": learner["key_worker"]}
        review["learner_present"] = rng.random() < 0.9
        if review["learner_present"] and rng.random() < 0.85:
            comments = rng.sample(TEXT["comment"], rng.choice((1, 1, 2)))
            review["learner_comment"] = " ".join(comments)
        risk = 0.004 if not struggling else 0.3 if index >= held - 2 else 0.08
        running = [p for p in placements if p["start"] <= day <= p.get("end", day)]
        sections = {"targets": targets, "outcomes": outcomes, "interventions": running}
        for section, items in sections.items():
            ratings = {
                item.get("id") or item["programme"]: _rated(
                    rng, item, index, risk, name
                )
                for item in items
                if item.get("done") is None or item["done"] >= index
            }
            review |= {section: ratings} if ratings else {}
        index += 1
    for item in targets + outcomes:
        item.pop("done", None)
    return files


def _dump(path: Path, data: Any) -> None:
    text = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096
    )
    path.write_bytes(text.encode("utf-8"))


def _write_learners(out: Path, seed: int, numbers: range) -> None:
    for number in numbers:
        # One generator per learner: D00042 is the same in a school of any size,
        # and learners can be written in parallel.
        files = _learner(random.Random(f"{seed}-{number}"), number)
        folder = out / "learners" / files["learner.yaml"]["id"]
        (folder / "reviews").mkdir(parents=True)
        for path, data in files.items():
            _dump(folder / path, data)
        if not any(path.startswith("reviews/") for path in files):
            (folder / "reviews").rmdir()


def write_demo_school(out: Path, learners: int, seed: int = 1) -> Path:
    """Write a made-up records folder with `learners` learners at `out`."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} already exists and is not empty.")
    (out / "learners").mkdir(parents=True, exist_ok=True)
    _dump(out / "school.yaml", school_data())
    _dump(out / "programmes.yaml", {"programmes": PROGRAMMES})
    chunks = [range(n, min(n + 500, learners + 1)) for n in range(1, learners + 1, 500)]
    if len(chunks) < 4 or (os.cpu_count() or 1) < 2:
        for chunk in chunks:
            _write_learners(out, seed, chunk)
    else:  # YAML emitting is the slow part: share it among the processors
        with ProcessPoolExecutor() as pool:
            list(pool.map(_write_learners, repeat(out), repeat(seed), chunks))
    return out
