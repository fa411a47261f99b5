"""A realistic journal of N years of daily use, seeded so runs compare.

    python bench/dataset.py DATA_DIR [--years 10] [--seed 7]

Per year: ~365 entries of 50-200 words in French and English with @mentions
and #tags, and (for 10 years) 5,000 contacts, 20,000 exchanges, 2,000 cards,
all written through the repository like the app writes them.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from journal.clock import FixedClock  # noqa: E402
from journal.domain.models import (  # noqa: E402
    Card,
    CardKind,
    CardStatus,
    Circle,
    Contact,
    Direction,
    Entry,
    EntryKind,
    Exchange,
    ExchangeKind,
)
from journal.store.repository import JournalRepository  # noqa: E402

FIRST = ["Karine", "Amina", "Joran", "Émilie", "Lucas", "Sofia", "Mehdi", "Chloé", "Nathan", "Inès", "Olivier", "Fatou"]
LAST = ["Tremblay", "Diallo", "Gagnon", "Roy", "Côté", "Bouchard", "Nguyen", "Martin", "Lefebvre", "Traoré"]
TAGS = ["5a7", "give", "emploi", "mentorat", "apéro", "conférence", "bénévolat", "ux", "suivi", "intro"]
WORDS_FR = (
    "café rencontre réseau offre emploi conseil présentation bénévolat échange idée projet "
    "contrat candidature entrevue suivi merci recommandation quartier équipe atelier"
).split()
WORDS_EN = (
    "coffee meeting network offer job advice introduction volunteer exchange idea project "
    "contract application interview follow-up thanks referral neighbourhood team workshop"
).split()


def body(rng: random.Random, names: list[str]) -> str:
    """50-200 words in sentences of 6-20, with a few mentions and tags."""
    words = WORDS_FR if rng.random() < 0.5 else WORDS_EN
    out = [rng.choice(words) for _ in range(rng.randint(50, 200))]
    for _ in range(rng.randint(0, 3)):
        name = rng.choice(names)
        out.insert(rng.randrange(len(out)), "@" + name.split()[0] if rng.random() < 0.6 else f'@"{name}"')
    for _ in range(rng.randint(0, 2)):
        out.insert(rng.randrange(len(out)), "#" + rng.choice(TAGS))
    sentences = []
    while out:
        size = rng.randint(6, 20)
        sentence, out = out[:size], out[size:]
        text = " ".join(sentence)
        sentences.append(text[0].upper() + text[1:] + ".")
    return " ".join(sentences)


def generate(data_dir: Path, years: int = 10, seed: int = 7, end: date = date(2026, 11, 20)) -> JournalRepository:
    rng = random.Random(seed)
    start = end - timedelta(days=365 * years - 1)
    repository = JournalRepository.open(data_dir, FixedClock(datetime.combine(end, time(9))))
    scale = years / 10
    contacts = [
        Contact(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            circle=rng.choice(list(Circle)),
            organisation=rng.choice(["Desjardins", "RSA", "Ubisoft", "CLSC", ""]),
            created=start + timedelta(days=rng.randrange(365 * years)),
        )
        for _ in range(int(5000 * scale))
    ]
    names = [c.name for c in contacts]
    entries = []
    for offset in range(365 * years):
        day = start + timedelta(days=offset)
        entries.append(
            Entry(
                at=datetime.combine(day, time(rng.randint(6, 22), rng.randrange(60))),
                body=body(rng, names),
                kind=rng.choice(list(EntryKind)),
                starred=rng.random() < 0.05,
            )
        )
    exchanges = [
        Exchange(
            direction=rng.choice(list(Direction)),
            kind=rng.choice(list(ExchangeKind)),
            on=start + timedelta(days=rng.randrange(365 * years)),
            contact_ids=(rng.choice(contacts).id,),
            note=" ".join(rng.choice(WORDS_EN) for _ in range(8)),
        )
        for _ in range(int(20000 * scale))
    ]
    cards = [
        Card(
            title=" ".join(rng.choice(WORDS_FR) for _ in range(5)),
            kind=rng.choice(list(CardKind)),
            status=rng.choice(list(CardStatus)),
            contact_ids=(rng.choice(contacts).id,),
            created=datetime.combine(start + timedelta(days=rng.randrange(365 * years)), time(12)),
        )
        for _ in range(int(2000 * scale))
    ]
    # Bulk writes in one transaction, as an import does: not 27,000 file rewrites.
    with repository.storage.transaction():
        repository.save_contacts(contacts)
        repository.save_entries(entries)
        repository.save_exchanges(exchanges)
        repository.save_cards(cards)
    return repository


JRNL_TIME_FORMAT = "%Y-%m-%d %I:%M:%S %p"  # jrnl's default "%F %r"


def jrnl_text(entries: list[Entry]) -> str:
    """The entries as jrnl 4 writes its plain-text journal file.

    jrnl splits an entry at the end of its first sentence into a title (on the
    date line, followed by " *" when starred) and a body on the next lines.
    """
    blocks = []
    for entry in sorted(entries, key=lambda e: e.at):
        title, _, rest = entry.body.partition(". ")
        title = title + "." if rest else title
        star = " *" if entry.starred else ""
        sep = "\n" if rest else ""
        blocks.append(f"[{entry.at.strftime(JRNL_TIME_FORMAT)}] {title}{star}{sep}{rest}\n")
    return "\n".join(blocks)


def write_jrnl_copy(entries: list[Entry], folder: Path) -> Path:
    """Write the journal for jrnl and the config that points at it; returns the config."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.txt"
    journal.write_text(jrnl_text(entries), encoding="utf-8")
    config = folder / "jrnl.yaml"
    config.write_text(
        "version: v4.6\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "editor: ''\nencrypt: false\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
        "timeformat: '%F %r'\ntagsymbols: '#@'\nhighlight: false\nlinewrap: 79\nindent_character: '|'\n"
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n",
        encoding="utf-8",
    )
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jrnl", type=Path, metavar="DIR", help="also write the entries for jrnl into DIR")
    args = parser.parse_args()
    repository = generate(args.data_dir, args.years, args.seed)
    size = repository.path.stat().st_size / 1e6
    print(f"{args.data_dir}: {len(repository.entries())} entries, {size:.1f} MB")
    if args.jrnl:
        config = write_jrnl_copy(repository.entries(), args.jrnl)
        print(f"jrnl copy: jrnl --config-file {config}")


if __name__ == "__main__":
    main()
