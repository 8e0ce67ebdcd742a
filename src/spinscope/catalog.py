"""The catalog: the one home of spinscope's vocabularies. The 23 persuasion
techniques, the 14 frames and the 3 genres of SemEval-2023 Task 3, each with a
one-line explanation written for this project, and the voices a technique span is
said in (``VOICES``).

The text renderer and the web UI show ``TECHNIQUES[name].definition`` (and the
example) next to every detected technique. Example sentences are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TechniqueInfo:
    name: str  # the SemEval label, e.g. "Loaded_Language"
    title: str  # human-readable, e.g. "Loaded language"
    group: str  # the SemEval family: justification, simplification, distraction, ...
    definition: str
    example: str


@dataclass(frozen=True)
class FrameInfo:
    name: str
    title: str
    description: str


@dataclass(frozen=True)
class GenreInfo:
    name: str
    title: str
    description: str


def _t(name: str, title: str, group: str, definition: str, example: str) -> TechniqueInfo:
    return TechniqueInfo(name, title, group, definition, example)


_TECHNIQUE_LIST = [
    _t("Appeal_to_Authority", "Appeal to authority", "justification",
       "Claims something is true because an expert, institution or famous person says so, rather than showing evidence.",
       "Top economists agree that the plan will work, so there is nothing more to discuss."),
    _t("Appeal_to_Popularity", "Appeal to popularity", "justification",
       "Argues a claim is right or a course of action good because many or most people support it.",
       "Millions of families have already switched, and so should you."),
    _t("Appeal_to_Values", "Appeal to values", "justification",
       "Links an idea to values the audience holds dear (freedom, tradition, fairness) instead of arguing for it.",
       "Supporting this bill is simply what any believer in liberty must do."),
    _t("Appeal_to_Fear-Prejudice", "Appeal to fear or prejudice", "justification",
       "Pushes an idea by raising anxiety, panic or prejudice about what will happen otherwise.",
       "If the new tower is built, our quiet streets will fill with crime overnight."),
    _t("Flag_Waving", "Flag waving", "justification",
       "Justifies a position by appealing to pride in, or duty towards, a nation or group.",
       "Every true patriot will stand behind our soldiers and this decision."),
    _t("Causal_Oversimplification", "Causal oversimplification", "simplification",
       "Blames a complex outcome on one single cause while ignoring the others.",
       "Prices rose this winter for one reason only: the mayor's bike lanes."),
    _t("False_Dilemma-No_Choice", "False dilemma / no choice", "simplification",
       "Presents two options as the only ones possible, or one option as the only way, when more exist.",
       "Either we close every border today or we lose the country forever."),
    _t("Consequential_Oversimplification", "Consequential oversimplification (slippery slope)", "simplification",
       "Claims one step will inevitably set off a chain of ever-worse consequences.",
       "Allow a four-day week and soon nobody will want to work at all."),
    _t("Straw_Man", "Straw man", "distraction",
       "Replaces an opponent's actual position with a weaker or distorted version and attacks that instead.",
       "So the council wants safer roads? Apparently they want to ban cars altogether."),
    _t("Red_Herring", "Red herring", "distraction",
       "Diverts attention from the issue at hand by bringing up an unrelated topic.",
       "Asked about the missing funds, the minister spoke about the team's great football season."),
    _t("Whataboutism", "Whataboutism", "distraction",
       "Deflects criticism by pointing to a supposedly similar fault of the critic or someone else.",
       "Why complain about our emissions when the neighbours pollute far more?"),
    _t("Slogans", "Slogans", "call",
       "Uses a short, catchy phrase that packs an emotional message, often a call to act.",
       "Our town, our rules!"),
    _t("Appeal_to_Time", "Appeal to time", "call",
       "Argues that now is the moment to act, that time is running out, or that it is high time.",
       "The clock is ticking: sign the petition before it is too late."),
    _t("Conversation_Killer", "Conversation killer", "call",
       "A phrase that discourages further thought or debate and closes the discussion.",
       "It is what it is, and there is no point talking about it any more."),
    _t("Loaded_Language", "Loaded language", "manipulative wording",
       "Uses words with strong emotional charge, positive or negative, to sway the reader.",
       "The reckless scheme would devastate hard-working families."),
    _t("Repetition", "Repetition", "manipulative wording",
       "Repeats the same word, phrase or idea again and again so that it sticks.",
       "We need jobs. Jobs for our youth, jobs for our towns, jobs for everyone."),
    _t("Exaggeration-Minimisation", "Exaggeration or minimisation", "manipulative wording",
       "Makes something look much bigger, better or worse than it is, or downplays something important.",
       "The tiny protest was, at most, a handful of people having a picnic."),
    _t("Obfuscation-Vagueness-Confusion", "Obfuscation, vagueness, confusion", "manipulative wording",
       "Uses deliberately unclear or ambiguous wording so the audience can read into it what it likes.",
       "Certain measures may be taken in due course by the relevant parties."),
    _t("Name_Calling-Labeling", "Name calling or labelling", "attack on reputation",
       "Attaches an insulting or admiring label to a person or group instead of discussing their arguments.",
       "The so-called experts on the panel are nothing but lobbyists in lab coats."),
    _t("Doubt", "Doubt", "attack on reputation",
       "Questions the credibility or competence of someone to undermine what they say.",
       "Can we really trust a chairman who has never run a business?"),
    _t("Guilt_by_Association", "Guilt by association", "attack on reputation",
       "Discredits a person or idea by linking it to a group or figure the audience despises.",
       "That tax idea was also popular with the junta that ruined the country."),
    _t("Appeal_to_Hypocrisy", "Appeal to hypocrisy", "attack on reputation",
       "Attacks someone as a hypocrite, whose words and deeds do not match, instead of answering them.",
       "She lectures us about flying less, yet took a private jet to the summit."),
    _t("Questioning_the_Reputation", "Questioning the reputation", "attack on reputation",
       "Attacks a person's character or morals to make them look bad, rather than their argument.",
       "The senator has always been a man who would sell anyone out for a headline."),
]

TECHNIQUES: dict[str, TechniqueInfo] = {t.name: t for t in _TECHNIQUE_LIST}

_FRAME_LIST = [
    FrameInfo("Economic", "Economic", "Costs, benefits, money, jobs and the economy."),
    FrameInfo("Capacity_and_resources", "Capacity and resources", "Whether there are enough people, goods, money or time."),
    FrameInfo("Morality", "Morality", "Right and wrong, religion, ethics and duty."),
    FrameInfo("Fairness_and_equality", "Fairness and equality", "Equal treatment, rights of groups, justice in distribution."),
    FrameInfo("Legality_Constitutionality_and_jurisprudence", "Legality and jurisprudence",
              "Laws, courts, constitutional limits and legal rights."),
    FrameInfo("Policy_prescription_and_evaluation", "Policy prescription and evaluation",
              "Which policy to adopt and whether existing policies work."),
    FrameInfo("Crime_and_punishment", "Crime and punishment", "Breaking the law, enforcement, sentences."),
    FrameInfo("Security_and_defense", "Security and defence", "Threats to a nation or people, the military, defence."),
    FrameInfo("Health_and_safety", "Health and safety", "Health care, disease, accidents and public safety."),
    FrameInfo("Quality_of_life", "Quality of life", "Effects on people's wealth, comfort, happiness and daily life."),
    FrameInfo("Cultural_identity", "Cultural identity", "Traditions, customs and the values of a culture or nation."),
    FrameInfo("Public_opinion", "Public opinion", "What the public thinks: polls, protests, popular mood."),
    FrameInfo("Political", "Political", "Parties, elections, political manoeuvring and power."),
    FrameInfo("External_regulation_and_reputation", "External regulation and reputation",
              "A country's standing abroad, international relations and treaties."),
]

FRAMES: dict[str, FrameInfo] = {f.name: f for f in _FRAME_LIST}

GENRES: dict[str, GenreInfo] = {
    "reporting": GenreInfo("reporting", "Reporting", "Tells what happened, mostly in neutral, attributed terms."),
    "opinion": GenreInfo("opinion", "Opinion", "Argues for a view: editorials, columns, commentary."),
    "satire": GenreInfo("satire", "Satire", "Mocks its subject through irony, exaggeration or invented stories."),
}


#: The model's genre label order (sorted names).
GENRE_LABELS: tuple[str, ...] = tuple(sorted(GENRES))

#: The values ``TechniqueSpan.voice`` (and a search's voice filter) take: the outlet's
#: own voice, or a quoted source's.
VOICES: tuple[str, ...] = ("author", "quoted")


def describe(name: str) -> str:
    """The one-line definition of a technique (or frame), or ``""`` when unknown."""
    if name in TECHNIQUES:
        return TECHNIQUES[name].definition
    if name in FRAMES:
        return FRAMES[name].description
    return ""
