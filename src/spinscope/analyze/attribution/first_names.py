"""Common English first names that nearly always belong to one gender: the fallback of
:mod:`.genders` for a person the article itself never calls "he" or "she", so that "she
said" does not go to the last "Scott" quoted. Names shared by both ("Jordan", "Taylor",
"Kelly", "Jean") are left out: such a person stays of unknown gender."""

from __future__ import annotations

HE = frozenset(
    {
     "aaron", "adam", "adrian", "alan", "albert", "alexander", "alfred", "andrew", "anthony",
     "antonio", "arthur", "barack", "ben", "benjamin", "bernard", "bernie", "bill", "billy", "bob", "bobby",
     "brad", "bradley", "brandon", "brett", "brian", "bruce", "bryan", "carl", "carlos", "charles",
     "christopher", "chuck", "clarence", "craig", "dan", "daniel", "darren", "dave",
     "david", "dennis", "derek", "dick", "donald", "doug", "douglas", "dwight", "earl", "ed",
     "eddie", "edward", "eric", "ernest", "eugene", "frank", "fred", "frederick", "gary", "gavin",
     "george", "gerald", "gordon", "greg", "gregory", "harold", "harry", "henry", "howard", "ian",
     "jack", "jacob", "jake", "james", "jason", "jeff", "jeffrey", "jeremy", "jerome", "jerry",
     "jim", "jimmy", "joe", "joel", "john", "johnny", "jonathan", "joseph", "josh", "joshua", "juan",
     "justin", "keith", "ken", "kenneth", "kevin", "kyle", "larry", "lawrence", "leo", "louis",
     "luke", "marco", "marcus", "mark", "martin", "matt", "matthew", "michael", "mike", "mitch",
     "mitt", "nathan", "neil", "nicholas", "nick", "noah", "oliver", "patrick", "paul", "peter",
     "philip", "phillip", "ralph", "randy", "ray", "raymond", "richard", "rick", "rob", "robert",
     "roger", "ron", "ronald", "roy", "rudy", "russell", "ryan", "samuel", "scott", "sean",
     "sergei", "seth", "steve", "steven", "stephen", "ted", "thomas", "tim", "timothy",
     "todd", "tom", "tommy", "tony", "travis", "troy", "tyler", "victor", "vincent", "vladimir",
     "walter", "wayne", "william", "willie",
    }
)
SHE = frozenset(
    {
     "abigail", "alexandra", "alice", "alicia", "amanda", "amber", "amy", "andrea", "angela", "ann",
     "anna", "anne", "betsy", "betty", "beverly", "brenda", "brittany", "candace", "carol",
     "caroline", "catherine", "cathy", "charlotte", "cheryl", "christina", "christine", "cindy",
     "claire", "cynthia", "debbie", "deborah", "debra", "denise", "diana", "diane", "dianne",
     "donna", "doris", "dorothy", "elaine", "elizabeth", "ellen", "emily", "emma", "erin", "eva",
     "evelyn", "frances", "gina", "gloria", "grace", "hannah", "heather", "heidi", "helen",
     "hillary", "ilhan", "irene", "jane", "janet", "janice", "jennifer", "jessica", "jill", "joan",
     "joanne", "joyce", "judith", "judy", "julia", "julie", "karen", "kate", "katherine", "kathleen",
     "kathy", "katie", "kimberly", "kirsten", "kristen", "laura", "lauren", "linda", "lisa", "liz",
     "lois", "lori", "louise", "lucy", "madeleine", "margaret", "maria", "marie", "marilyn",
     "martha", "mary", "megan", "melania", "melissa", "michelle", "monica", "nancy", "natalie",
     "nicole", "nikki", "olivia", "pamela", "patricia", "paula", "peggy", "rachel", "rebecca",
     "rita", "rosa", "rose", "ruth", "sally", "samantha", "sandra", "sara", "sarah", "sharon",
     "shirley", "sophia", "stacey", "stephanie", "susan", "suzanne", "teresa", "theresa", "tiffany",
     "valerie", "victoria", "virginia", "wendy",
    }
)


FIRST_NAMES = HE | SHE


def is_first_name(tok) -> bool:
    """A token that is one of the common first names above ("Keith", "Debbie")."""
    return tok.lower_ in FIRST_NAMES


def first_name_gender(name: str) -> str | None:
    """"he", "she" or None for a full name, by its first word."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower().rstrip(".")
    return "he" if first in HE else "she" if first in SHE else None
