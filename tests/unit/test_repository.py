import json
from datetime import date, datetime

from journal.domain.models import Card, CardStatus, Circle, CircleMove, Contact, Direction, Entry, Exchange, ExchangeKind
from journal.store.repository import JournalRepository


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0)


def test_entries_by_day_and_range_in_time_order(repository):
    late, early, other = Entry(at=at(20, 18), body="late"), Entry(at=at(20, 8), body="early"), Entry(at=at(18), body="x")
    for e in (late, early, other):
        repository.save_entry(e)
    assert [e.body for e in repository.entries_on(date(2026, 11, 20))] == ["early", "late"]
    assert repository.entries_on(date(2026, 11, 19)) == []
    assert [e.body for e in repository.entries_between(date(2026, 11, 18), date(2026, 11, 19))] == ["x"]
    assert repository.entry_days() == [date(2026, 11, 18), date(2026, 11, 20)]


def test_saving_an_existing_entry_replaces_it(repository, data_dir, clock):
    original = Entry(at=at(20), body="first draft")
    repository.save_entry(original)
    repository.save_entry(Entry(at=at(21), body="edited", id=original.id))
    reopened = JournalRepository.open(data_dir, clock)
    assert [(e.body, e.day) for e in reopened.entries()] == [("edited", date(2026, 11, 21))]


def test_delete_entry_and_deleting_twice_is_harmless(repository):
    e = Entry(at=at(20), body="to go")
    repository.save_entry(e)
    repository.delete_entry(e.id)
    repository.delete_entry(e.id)
    assert repository.entries() == []


def test_save_entries_writes_many_in_one_go(repository, data_dir):
    repository.save_entries(Entry(at=at(1 + n % 28), body=f"n{n}") for n in range(500))
    assert len(repository.entries()) == 500
    assert not (data_dir / "backups").exists()  # one write: the first save of a new file needs no backup


def test_contacts_exchanges_and_cards_round_trip(repository, data_dir, clock):
    karine = Contact(
        name="Karine Tremblay",
        circle=Circle.R1,
        aliases=("KT",),
        emails=("k@example.org",),
        met_on=date(2024, 5, 2),
        moves=(CircleMove(date(2025, 1, 3), Circle.R3, Circle.R2), CircleMove(date(2026, 2, 1), Circle.R2, Circle.R1)),
    )
    give = Exchange(direction=Direction.GIVE, kind=ExchangeKind.OFFER, on=date(2026, 11, 20), contact_ids=(karine.id,))
    card = Card(title="Forward the UX offer", contact_ids=(karine.id,), status=CardStatus.DOING, created=at(19))
    repository.save_contact(karine)
    repository.save_exchange(give)
    repository.save_card(card)
    reopened = JournalRepository.open(data_dir, clock)
    assert reopened.contacts() == [karine]
    assert reopened.exchanges() == [give]
    assert reopened.cards() == [card]
    reopened.delete_contact(karine.id)
    reopened.delete_exchange(give.id)
    reopened.delete_card(card.id)
    assert (reopened.contacts(), reopened.exchanges(), reopened.cards()) == ([], [], [])


def test_bulk_saves_of_every_kind_in_one_transaction(repository, data_dir, clock):
    contacts = [Contact(name=f"c{n}") for n in range(300)]
    exchanges = [Exchange(direction=Direction.ASK, kind=ExchangeKind.ADVICE, on=date(2026, 1, 1 + n % 28)) for n in range(300)]
    cards = [Card(title=f"card {n}") for n in range(300)]
    with repository.storage.transaction():
        repository.save_contacts(contacts)
        repository.save_exchanges(exchanges)
        repository.save_cards(cards)
    reopened = JournalRepository.open(data_dir, clock)
    assert (len(reopened.contacts()), len(reopened.exchanges()), len(reopened.cards())) == (300, 300, 300)


def test_drafts_are_kept_apart_from_the_journal_and_newest_first(repository, data_dir):
    import os

    first, second = Entry(at=at(20), body="draft one"), Entry(at=at(21), body="draft two")
    repository.keep_draft(first)
    repository.keep_draft(second)
    os.utime(repository.drafts_dir / f"{first.id}.json", (1, 1))
    assert [d.body for d in repository.drafts()] == ["draft two", "draft one"]
    assert repository.entries() == [] and not (data_dir / "journal.json").exists()
    (repository.drafts_dir / "junk.json").write_text("{")
    repository.discard_draft(second.id)
    repository.discard_draft("never-existed")
    assert [d.body for d in repository.drafts()] == ["draft one"]


def test_drafts_are_this_devices_and_never_in_the_synced_folder(repository, data_dir, tmp_path):
    repository.keep_draft(Entry(at=at(20), body="half a thought"))
    assert not (data_dir / "drafts").exists()
    assert repository.drafts_dir.is_relative_to(tmp_path / "state")


def test_drafts_an_older_tricot_kept_beside_the_journal_are_still_restored(repository, data_dir):
    old = Entry(at=at(20), body="written before the upgrade")
    (data_dir / "drafts").mkdir(parents=True)
    (data_dir / "drafts" / f"{old.id}.json").write_bytes(
        json.dumps({"id": old.id, "at": old.at.isoformat(), "body": old.body}).encode()
    )
    assert [d.body for d in repository.drafts()] == [old.body]
    repository.discard_draft(old.id)
    assert repository.drafts() == []


def test_an_edit_of_an_entry_changed_elsewhere_is_saved_beside_it(repository, data_dir, clock):
    opened = Entry(at=at(20), body="first")
    repository.save_entry(opened)
    JournalRepository.open(data_dir, clock).save_entry(Entry(at=at(20), body="changed on the laptop", id=opened.id))
    saved = repository.save_entry(Entry(at=at(20), body="changed here", id=opened.id), opened=opened)
    assert saved.id != opened.id
    assert sorted(e.body for e in JournalRepository.open(data_dir, clock).entries()) == ["changed here", "changed on the laptop"]


def test_an_unchanged_or_deleted_entry_is_simply_saved(repository, data_dir, clock):
    opened = Entry(at=at(20), body="first")
    repository.save_entry(opened)
    assert repository.save_entry(Entry(at=at(20), body="second", id=opened.id), opened=opened).id == opened.id
    JournalRepository.open(data_dir, clock).delete_entry(opened.id)
    kept = repository.save_entry(Entry(at=at(20), body="third", id=opened.id), opened=opened)
    assert [e.body for e in JournalRepository.open(data_dir, clock).entries()] == ["third"] and kept.id == opened.id


def test_a_card_given_and_undone_through_the_store(repository):
    from datetime import datetime

    from journal.domain import board
    from journal.domain.board import reverse
    from journal.domain.models import Card, Contact

    amina = Contact(name="Amina Diallo")
    repository.save_contact(amina)
    card = Card(title="Forward the UX job", contact_ids=(amina.id,))
    repository.add_card(card)
    now = datetime(2026, 11, 21, 9, 30)
    change = board.give(card, now)
    assert repository.apply_card_change(change)
    assert repository.get_card(card.id).done == now
    assert [x.id for x in repository.card_records(card.id)] == [change.added[0].id]
    assert repository.activity(amina.id).last == now.date()
    assert not repository.apply_card_change(change)  # the card is no longer what it started from
    assert repository.apply_card_change(reverse(change))
    assert repository.card_records(card.id) == [] and repository.exchanges() == []
    assert repository.get_card(card.id) == card
    # Given again after the undo: a new record, the old one stays deleted.
    again = board.give(card, now)
    assert repository.apply_card_change(again)
    assert len(repository.exchanges()) == 1


def test_action_days_count_entries_exchanges_and_given_cards_once(repository):
    from datetime import date, datetime

    from journal.domain import board
    from journal.domain.models import Card, Contact, Direction, Entry, Exchange, ExchangeKind

    amina = Contact(name="Amina Diallo")
    repository.save_contact(amina)
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 23, 59), body="late"))
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 0, 1), body="early"))
    repository.save_exchange(Exchange(Direction.ASK, ExchangeKind.ADVICE, date(2026, 11, 21), (amina.id,)))
    card = Card(title="job", contact_ids=(amina.id,))
    repository.add_card(card)
    assert repository.apply_card_change(board.give(card, datetime(2026, 11, 19, 8, 0)))
    assert repository.action_days() == {date(2026, 11, 19): 1, date(2026, 11, 20): 1, date(2026, 11, 21): 2}
    assert repository.give_days() == {date(2026, 11, 19): 1}
    months = repository.exchanges_by_month([date(2026, 11, 1), date(2026, 10, 1)])
    assert len(months[date(2026, 11, 1)]) == 2 and months[date(2026, 10, 1)] == []
