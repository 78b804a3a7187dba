"""The SEN primary need codes of the school census, and the words staff and MIS
exports use for them."""

from __future__ import annotations

import re

NEED_CODES = {
    "semh": "SEMH",
    "social emotional and mental health": "SEMH",
    "asc": "ASC",
    "asd": "ASC",
    "autism": "ASC",
    "autistic spectrum disorder": "ASC",
    "autism spectrum condition": "ASC",
    "slcn": "SLCN",
    "speech language and communication needs": "SLCN",
    "mld": "MLD",
    "moderate learning difficulty": "MLD",
    "sld": "SLD",
    "severe learning difficulty": "SLD",
    "pmld": "PMLD",
    "profound and multiple learning difficulty": "PMLD",
    "spld": "SpLD",
    "specific learning difficulty": "SpLD",
    "dyslexia": "SpLD",
    "dyscalculia": "SpLD",
    "dyspraxia": "SpLD",
    "hi": "HI",
    "hearing impairment": "HI",
    "vi": "VI",
    "visual impairment": "VI",
    "msi": "MSI",
    "multisensory impairment": "MSI",
    "pd": "PD",
    "physical disability": "PD",
    "oth": "OTH",
    "other": "OTH",
    "other difficulty or disability": "OTH",
}


def fold(text: str) -> str:
    """Text compared ignoring case, spaces and punctuation: "Social, Emotional and
    Mental Health" → "social emotional and mental health"."""
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def need_code(text: str) -> str | None:
    """The census code that `text` names (ASD → ASC, "Autism" → ASC), if any."""
    return NEED_CODES.get(fold(text))
