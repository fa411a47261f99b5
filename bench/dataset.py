"""A realistic journal of N years of daily use, seeded so runs compare.

    python bench/dataset.py DATA_DIR [--years 10] [--seed 7]

Per year: ~365 entries of 50-200 words in French and English with @mentions
and #tags, and (for 10 years) 5,000 contacts, 20,000 exchanges, 2,000 cards,
all written through the repository like the app writes them. Most cards
are given, each with its gives in the ledger (one per person, with the
card's id), so the ledger holds those on top of the 20,000 exchanges.

Contacts have realistic names: first and last names of many origins (accents,
hyphens, apostrophes, particles, a few names in other scripts) drawn with a
long-tailed frequency, so full names are unique but for ~1% namesakes while
first names are mostly shared. They carry circles (R1 few, R3 most), tags,
organisation, role, where and when they were met, some notes, emails and
phones; most of the close circle have their first name as an alias. Every
mention in an entry names one real contact, as the app resolves it: the full
name quoted (`@"Marie Tremblay"`), or the first name (`@Karine`) where that is
theirs alone (an alias, or a first name no one else has). The close circle is
mentioned and exchanged with far more often than the rest.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from journal.clock import FixedClock  # noqa: E402
from journal.domain.board import gives_for  # noqa: E402
from journal.domain.mentions import format_mention  # noqa: E402
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
from journal.domain.names import fold  # noqa: E402
from journal.store.repository import JournalRepository  # noqa: E402

# Names as a Montréal network has them: mostly French and English, many origins,
# accents, hyphens and apostrophes, a few in other scripts. First names are drawn
# with a long-tailed frequency (many Maries, one Oluwaseun), so most full names are
# unique but first names mostly are not, as in life.
FIRST = (
    "Marie Jean Sophie Olivier Julie Mathieu Isabelle Alexandre Catherine Maxime Émilie Guillaume "
    "Karine Philippe Valérie Nicolas Geneviève Simon Mélanie Gabriel Stéphanie François Caroline David "
    "Chloé Samuel Audrey Vincent Annie Louis Nathalie Étienne Amélie Antoine Josée Thomas Marie-Ève "
    "Jean-François Anne-Sophie Pierre-Luc Marc-André Marie-Claude Jean-Philippe Sarah Michael Jessica "
    "Daniel Emily Ryan Hannah Kevin Lauren Andrew Rachel Justin Megan Brandon Amanda Patrick Laura "
    "Amina Mehdi Fatou Moussa Inès Youssef Leïla Karim Yasmine Omar Nadia Rachid Aïcha Mamadou Awa "
    "Ibrahima Salma Hicham Nour Samir Lucas Sofia Mateo Valentina Diego Camila Joran Ana Rafael Lucía "
    "Andrés Luisa Thi Minh Linh Huy Mai Quang Anh Thanh Wei Ying Hao Jun Priya Arjun Ananya Rohan "
    "Kavya Vikram Noémie Zoé Hélène Françoise Jérôme Benoît Gaëlle Loïc Maëlle Anaïs Raphaël Cédric "
    "Mégane Frédéric Ève Rémi Agnès Noël Björn Søren Åsa Zoë Renée Siobhan Aoife Niamh Seán Ciarán "
    "Dorothée Ghislaine Réjean Gaétan Normand Lise Huguette Solange Yvon Clément Léa Jade Florence "
    "Olivia Charlotte Alice Rosalie Béatrice Juliette Adèle Livia Mila Émile Arthur Léo Jules Édouard "
    "Oluwaseun Chiamaka Kwame Ama Tendai Wanjiru Thandiwe Kofi Adaeze Babajide Ngozi Chinedu Yaw "
    "Malika Soraya Djamila Tarek Walid Bilal Zineb Hamza Ayoub Selma Ilyes Anouk Maëva Tiago Joaquim "
    "Małgorzata Krzysztof Zdeněk Jiří Ľubica Tomás Dagný Þórunn Ágnes Őrs Gülşen Çağrı Şebnem Ioana "
    "Radu Mihai Dragoș Sven Ingrid Astrid Lars Pekka Aino Eero Kalani Keoni Ahanu Nayeli Tayanita"
).split()
LAST = [name.replace("_", " ") for name in (  # "_" joins a name of several words
    "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger "
    "Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier "
    "Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry Martel Bédard "
    "Grenier Lessard Bernier Richard Michaud Hébert Desjardins Couture Turcotte Lachance Parent Blais "
    "Gosselin Savard Proulx Beaudoin Demers Perron Boudreau Champagne Marcoux Vachon Allard Bolduc "
    "Dufour Mercier Deschênes Larouche Gingras Brassard Lemieux Ménard Charbonneau Dionne Labelle "
    "Tremblay-Roy Côté-Gagnon D'Amours O'Neil O'Brien McGill MacDonald Smith Johnson Williams Brown "
    "Jones Miller Wilson Taylor Anderson Thomas Jackson White Harris Clark Lewis Walker Young King "
    "Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner "
    "Diallo Traoré Ndiaye Diop Sow Keita Coulibaly Camara Koné Touré Ouédraogo Mensah Okafor Adeyemi "
    "Nwosu Boateng Kamau Otieno Mwangi Dlamini Benali Haddad El_Amrani Bouzid Khelifi Saïdi Mansour "
    "Nasser Rahmani Belkacem Cherif Ait_Ahmed Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ngo Chen Wang "
    "Li Zhang Liu Yang Huang Zhao Wu Zhou Patel Sharma Singh Gupta Kumar Reddy Iyer Nair Das Chowdhury "
    "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Díaz Hernández Muñoz "
    "Álvarez Romero Torres Ramírez da_Silva dos_Santos Oliveira Souza Ferreira Costa Pereira Almeida "
    "Rossi Russo Bianchi Romano Colombo Ricci Marino Greco Kowalski Nowak Wiśniewski Dvořák Novák "
    "Müller Schmidt Schneider Fischer Weber Wagner Becker Schäfer Jørgensen Åberg Lindqvist Virtanen "
    "Korhonen Yılmaz Kaya Demir Şahin Popescu Ionescu Papadopoulos Georgiou Kovács Szabó Horváth "
    "van_der_Berg de_Vries Janssens Peeters Dubois Durand Leroy Moreau Laurent Lefèvre Rousseau Fontaine"
).split()]
# In their own script, each used once: whole names, as the address book holds them.
OTHER_SCRIPTS = [
    "Дмитрий Иванов", "Мария Смирнова", "Ольга Кузнецова", "Αθηνά Παπαδοπούλου", "Γιώργος Νικολάου",
    "李娜", "王伟", "张敏", "陈静", "佐藤 美咲", "鈴木 健太", "김민준", "이서연",
    "محمد العلي", "فاطمة الزهراء", "יעל כהן", "אורי לוי", "राहुल शर्मा", "प्रिया वर्मा", "สมชาย ใจดี",
]
CONTACT_TAGS = [
    "ux", "design", "python", "data", "recruteur", "rh", "mentor", "mentorat", "alumni", "bénévole",
    "startup", "finance", "santé", "éducation", "montréal", "québec", "toronto", "5a7", "conférence",
    "investisseur", "journaliste", "voisin", "famille", "ancien-collègue", "client", "fournisseur",
]
ORGANISATIONS = [
    "Desjardins", "RSA", "Ubisoft", "CLSC", "Hydro-Québec", "Banque Nationale", "Mila", "Shopify",
    "Lightspeed", "Coveo", "CGI", "Bombardier", "CHUM", "Université de Montréal", "UQAM", "McGill",
    "Concordia", "Ville de Montréal", "Radio-Canada", "La Presse", "Moisson Montréal", "Centraide",
    "Element AI", "Behaviour", "SAQ", "Vidéotron", "Bell", "Cirque du Soleil", "Pages Jaunes", "Dialogue",
    "Alan", "Hopper", "Sid Lee", "Deloitte", "KPMG", "Freelance", "",
]
ROLES = [
    "designer UX", "développeuse", "developer", "product manager", "recruteuse", "recruiter", "directeur",
    "analyste", "data scientist", "infirmière", "professeur", "étudiante", "fondateur", "CEO", "comptable",
    "chargée de projet", "journaliste", "consultant", "coordonnatrice bénévoles", "",
]
WHERE = [
    "5 à 7 Startup Montréal", "Conférence UX Québec", "LinkedIn", "bénévolat Moisson", "cours du soir",
    "ancien collègue", "MTL Connecte", "PyCon Canada", "voisin", "café du coin", "mariage de Julie",
    "Hackathon", "salon de l'emploi", "",
]
TAGS = ["5a7", "give", "emploi", "mentorat", "apéro", "conférence", "bénévolat", "ux", "suivi", "intro"]
WORDS_FR = (
    "café rencontre réseau offre emploi conseil présentation bénévolat échange idée projet "
    "contrat candidature entrevue suivi merci recommandation quartier équipe atelier"
).split()
WORDS_EN = (
    "coffee meeting network offer job advice introduction volunteer exchange idea project "
    "contract application interview follow-up thanks referral neighbourhood team workshop"
).split()
# How often each circle shows up in the journal and the ledger: the close circle far more.
MENTION_WEIGHT = {Circle.R1: 30, Circle.R2: 5, Circle.R3: 1}
EXCHANGE_WEIGHT = {Circle.R1: 10, Circle.R2: 3, Circle.R3: 1}


def _zipf(count: int, s: float) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(count)]


def _names(rng: random.Random, count: int) -> list[str]:
    """`count` full names: unique, but for ~1% namesakes (two Marie Tremblay), as in a real address book."""
    first_weights, last_weights = _zipf(len(FIRST), 0.9), _zipf(len(LAST), 0.6)
    others = list(OTHER_SCRIPTS)
    rng.shuffle(others)
    namesakes = count // 100
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count - namesakes:
        if others and rng.random() < 0.004:
            name = others.pop()
        else:
            name = f"{rng.choices(FIRST, first_weights)[0]} {rng.choices(LAST, last_weights)[0]}"
        if fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    names += [rng.choice(names) for _ in range(namesakes)]
    rng.shuffle(names)
    return names


def _contact(rng: random.Random, name: str, start: date, days: int) -> Contact:
    created = start + timedelta(days=rng.randrange(days))
    ascii_name = ".".join(fold(name).split())
    is_latin = ascii_name.replace(".", "").isascii()
    return Contact(
        name=name,
        circle=rng.choices(list(Circle), [4, 20, 76])[0],
        tags=tuple(rng.sample(CONTACT_TAGS, rng.choice([0, 0, 1, 1, 1, 2, 2, 3]))),
        organisation=rng.choice(ORGANISATIONS),
        role=rng.choice(ROLES),
        met_where=rng.choice(WHERE),
        met_on=created - timedelta(days=rng.randrange(60)) if rng.random() < 0.7 else None,
        notes=" ".join(rng.choice(WORDS_FR) for _ in range(rng.randint(5, 25))) if rng.random() < 0.2 else "",
        emails=(f"{ascii_name}@example.org",) if is_latin and rng.random() < 0.4 else (),
        phones=(f"514-555-{rng.randrange(10000):04d}",) if rng.random() < 0.2 else (),
        created=created,
    )


def _nicknamed(rng: random.Random, contacts: list[Contact]) -> list[Contact]:
    """Most of the close circle answer to their first name alone: it is their alias (the way
    Tricot tells which Karine `@Karine` means), when no one holds that name already."""
    taken = {fold(c.name) for c in contacts}
    out = []
    for contact in contacts:
        given = contact.name.split()[0]
        if contact.circle is Circle.R1 and " " in contact.name and fold(given) not in taken and rng.random() < 0.7:
            taken.add(fold(given))
            contact = dataclasses.replace(contact, aliases=(given,))
        out.append(contact)
    return out


def _mention_forms(contacts: list[Contact]) -> list[list[str]]:
    """How entries may name each contact so the mention finds them: their full name, and their
    first name when no one else has it; nothing for namesakes (a shared name names nobody)."""
    full = Counter(fold(n) for c in contacts for n in (c.name, *c.aliases))
    first = Counter(fold(c.name).split(" ")[0] for c in contacts)
    forms = []
    for contact in contacts:
        if full[fold(contact.name)] > 1:
            forms.append([])
            continue
        given = contact.name.split()[0]
        quoted = format_mention(contact.name)
        # Theirs alone: their alias, or a first name nobody else has (and nobody's full name).
        by_alias = fold(given) in {fold(a) for a in contact.aliases}
        unique_first = " " in contact.name and first[fold(given)] == 1 and full[fold(given)] == 0
        forms.append([format_mention(given), quoted] if by_alias or unique_first else [quoted])
    return forms


def body(rng: random.Random, mentions: Callable[[], str]) -> str:
    """50-200 words in sentences of 6-20, with a few mentions and tags."""
    words = WORDS_FR if rng.random() < 0.5 else WORDS_EN
    out = [rng.choice(words) for _ in range(rng.randint(50, 200))]
    for _ in range(rng.randint(0, 3)):
        out.insert(rng.randrange(len(out)), mentions())
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
    days = 365 * years
    start = end - timedelta(days=days - 1)
    repository = JournalRepository.open(data_dir, FixedClock(datetime.combine(end, time(9))))
    scale = years / 10
    contacts = _nicknamed(rng, [_contact(rng, name, start, days) for name in _names(rng, int(5000 * scale))])
    forms = _mention_forms(contacts)
    mentionable = [i for i, f in enumerate(forms) if f]
    weights = [MENTION_WEIGHT[contacts[i].circle] for i in mentionable]

    def mention() -> str:
        i = rng.choices(mentionable, weights)[0]
        # The first name when it is theirs alone, 60% of the time; else the full name, quoted.
        return forms[i][0] if len(forms[i]) > 1 and rng.random() < 0.6 else forms[i][-1]

    entries = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        entries.append(
            Entry(
                at=datetime.combine(day, time(rng.randint(6, 22), rng.randrange(60))),
                body=body(rng, mention),
                kind=rng.choice(list(EntryKind)),
                starred=rng.random() < 0.05,
            )
        )
    exchange_weights = [EXCHANGE_WEIGHT[c.circle] for c in contacts]
    exchanges = [
        Exchange(
            direction=rng.choice(list(Direction)),
            kind=rng.choice(list(ExchangeKind)),
            on=start + timedelta(days=rng.randrange(days)),
            contact_ids=(rng.choices(contacts, exchange_weights)[0].id,),
            note=" ".join(rng.choice(WORDS_EN) for _ in range(8)),
        )
        for _ in range(int(20000 * scale))
    ]
    cards = _cards(rng, contacts, exchange_weights, start, end, int(2000 * scale))
    # A given card is in the ledger: one give per person, dated the day it was given, with its id.
    gives = [x for card in cards if card.status is CardStatus.GIVEN for x in gives_for(card, card.done.date())]
    # Bulk writes in one transaction, as an import does: not 27,000 file rewrites.
    with repository.storage.transaction():
        repository.save_contacts(contacts)
        repository.save_entries(entries)
        repository.save_exchanges(exchanges + gives)
        repository.save_cards(cards)
    return repository


# The board's cards: what a person who gives first for ten years has made of it.
CARD_KINDS = {CardKind.OFFER: 30, CardKind.ANSWER: 25, CardKind.EXCERPT: 20, CardKind.INTRODUCTION: 15, CardKind.OTHER: 10}
# How likely a card is still open (to give or doing), by its age: the recent ones mostly;
# now and then one lingers for months; none for years.
OPEN_CHANCE = ((60, 0.75), (365, 0.08))


def _cards(
    rng: random.Random, contacts: list[Contact], weights: list[int], start: date, end: date, count: int
) -> list[Card]:
    """`count` cards over the years: most given (their `done` a few days after they were made),
    some dropped, a few dozen open (to give, a quarter of them doing), the recent ones mostly.
    A quarter have a due date (some open ones are late); an *answer an ask* card's `created`
    is when the ask came in; excerpts and some offers carry tags, for the share queue;
    an introduction is for two people, a few other cards for two or three."""
    now = datetime.combine(end, time(9))
    days = (end - start).days + 1
    cards = []
    for _ in range(count):
        created = datetime.combine(start + timedelta(days=rng.randrange(days)), time(rng.randint(7, 21), rng.randrange(60)))
        created = min(created, now)
        age = (now - created).days
        kind = rng.choices(list(CARD_KINDS), list(CARD_KINDS.values()))[0]
        people = 2 if kind is CardKind.INTRODUCTION else rng.choices([1, 2, 3], [88, 9, 3])[0]
        chosen: list[str] = []
        while len(chosen) < people:
            contact_id = rng.choices(contacts, weights)[0].id
            if contact_id not in chosen:
                chosen.append(contact_id)
        due = created.date() + timedelta(days=rng.randint(2, 30)) if rng.random() < 0.25 else None
        if rng.random() < next((chance for within, chance in OPEN_CHANCE if age <= within), 0.0):
            status, done = (CardStatus.DOING if rng.random() < 0.25 else CardStatus.TO_GIVE), None
        elif rng.random() < 0.06:
            status = CardStatus.DROPPED
            done = min(created + timedelta(days=rng.randint(7, 120), hours=rng.randint(0, 10)), now)
        else:
            status = CardStatus.GIVEN
            done = min(created + timedelta(days=int(rng.expovariate(1 / 5)), hours=rng.randint(0, 10)), now)
        tags: tuple[str, ...] = ()
        if kind is CardKind.EXCERPT and rng.random() < 0.8 or kind is CardKind.OFFER and rng.random() < 0.4:
            tags = tuple(rng.sample(CONTACT_TAGS, rng.choice([1, 1, 2])))
        payload = ""
        if kind is CardKind.OFFER:
            payload = f"https://example.org/emplois/{rng.randrange(100000)}"
        elif kind is CardKind.EXCERPT:
            payload = " ".join(rng.choice(WORDS_FR) for _ in range(rng.randint(10, 30)))
            payload += f"\nhttps://example.org/infolettre/{rng.randrange(1000)}" if rng.random() < 0.5 else ""
        cards.append(
            Card(
                title=" ".join(rng.choice(WORDS_FR) for _ in range(5)),
                kind=kind,
                status=status,
                contact_ids=tuple(chosen),
                payload=payload,
                tags=tags,
                due=due,
                created=created,
                done=done,
            )
        )
    return cards


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
