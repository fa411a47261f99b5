from hypothesis import given
from hypothesis import strategies as st

from journal.domain.mentions import format_mention, mentions, resolve, tags
from journal.domain.models import Contact


def test_single_and_quoted_mentions_in_order_once_each():
    body = 'Coffee with @Karine, then @"Amina Diallo" and @karine again.'
    assert mentions(body) == ["Karine", "Amina Diallo"]


def test_mentions_keep_inner_punctuation_and_drop_possessive():
    assert mentions("@Jean-Luc and @O'Neil answered @Joran's ask.") == ["Jean-Luc", "O'Neil", "Joran"]


def test_mentions_in_any_script():
    assert mentions("Thé avec @Émilie, @김민수 et @\"سارة أحمد\"") == ["Émilie", "김민수", "سارة أحمد"]


def test_email_addresses_and_escaped_at_are_not_mentions():
    assert mentions("write to karine@example.com or \\@nobody") == []


def test_tags_lowercase_unique_and_not_headings_or_fragments():
    body = "# A heading\n#5a7 at the #Réseau apéro #réseau, see site.com/#top and &#39;"
    assert tags(body) == ["5a7", "réseau"]


def test_tag_ends_before_trailing_punctuation():
    assert tags("great #event. and #follow-up!") == ["event", "follow-up"]


def test_resolve_by_full_name_alias_and_unique_first_name():
    karine = Contact(name="Karine Tremblay", aliases=("KT",))
    joran = Contact(name="Joran Diallo")
    contacts = [karine, joran]
    assert resolve("karine tremblay", contacts) is karine
    assert resolve("kt", contacts) is karine
    assert resolve("Joran", contacts) is joran
    assert resolve("Nobody", contacts) is None


def test_resolve_refuses_an_ambiguous_first_name():
    contacts = [Contact(name="Amina Diallo"), Contact(name="Amina Traoré")]
    assert resolve("Amina", contacts) is None
    assert resolve("Amina Traoré", contacts) is contacts[1]


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters='"'),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@given(name=names, before=st.sampled_from(["", "coffee with ", "(", "merci "]), after=st.sampled_from(["", " today", ", then", "."]))
def test_a_formatted_mention_reads_back_as_the_name(name, before, after):
    body = before + format_mention(name) + after
    found = mentions(body)
    assert found, body
    expected = " ".join(name.split())
    assert found[0] in (expected, expected.removesuffix("'s").removesuffix("’s"))


@given(
    word=st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=20),
    text=st.text(max_size=40),
)
def test_tags_are_found_wherever_they_stand_after_a_space(word, text):
    assert word.casefold() in tags(text + " #" + word + " " + text)


@given(st.text(max_size=300))
def test_parsing_never_fails_on_any_text(text):
    mentions(text)
    tags(text)
