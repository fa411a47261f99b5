from hypothesis import given
from hypothesis import strategies as st

from journal.domain.mentions import format_mention, mentions, resolve, rewrite_as_tags, tags
from journal.domain.models import Contact


def test_single_and_quoted_mentions_in_order_once_each():
    body = 'Coffee with @Karine, then @"Amina Diallo" and @karine again.'
    assert mentions(body) == ["Karine", "Amina Diallo"]


def test_mentions_keep_inner_punctuation_and_drop_possessive():
    assert mentions("@Jean-Luc and @O'Neil answered @Joran's ask.") == ["Jean-Luc", "O'Neil", "Joran"]


def test_mentions_in_any_script():
    assert mentions("Thé avec @Émilie, @김민수 et @\"سارة أحمد\"") == ["Émilie", "김민수", "سارة أحمد"]


def test_a_quoted_blank_is_nobody():
    assert mentions('@"   " and @""') == []


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


names = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters='"'),
        min_size=1,
        max_size=30,
    )
    .filter(lambda s: s.strip())
    # Two backticks in a name can make a code span, and code is not read (see format_mention).
    .filter(lambda s: s.count("`") < 2)
    # Nor can "<!--": it opens an HTML comment, which hides the rest of the entry (see prose).
    .filter(lambda s: "<!--" not in s)
)


@given(name=names, before=st.sampled_from(["", "coffee with ", "(", "merci "]), after=st.sampled_from(["", " today", ", then", "."]))
def test_a_formatted_mention_reads_back_as_the_name(name, before, after):
    body = before + format_mention(name) + after
    found = mentions(body)
    assert found, body
    expected = " ".join(name.split())
    assert found[0] in (expected, expected.removesuffix("'s").removesuffix("’s"))


@given(
    word=st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=20),
    # Backticks and tildes could put the tag inside code, where it does not count.
    text=st.text(alphabet=st.characters(blacklist_characters="`~"), max_size=40),
)
def test_tags_are_found_wherever_they_stand_after_a_space(word, text):
    assert word.casefold() in tags(text + " #" + word + " " + text)


@given(st.text(max_size=300))
def test_parsing_never_fails_on_any_text(text):
    mentions(text)
    tags(text)


# --- Markdown code does not count ---------------------------------------------------------------


def test_a_fenced_code_block_holds_no_mentions_or_tags():
    body = "Met @Amina.\n```\nWith: @Karine #todo\n```\nThen #suivi with @Joran."
    assert mentions(body) == ["Amina", "Joran"]
    assert tags(body) == ["suivi"]


def test_tilde_fences_info_strings_and_up_to_three_spaces_of_indent():
    assert mentions("~~~ python @info\n@decorator\n~~~\n@Karine") == ["Karine"]
    assert mentions("   ```sh\n@decorator\n   ```\n@Karine") == ["Karine"]


def test_four_spaces_of_indent_is_not_a_fence_and_indented_code_is_out_of_scope():
    # A line indented 4 spaces is usually a nested list item in a journal: it is read.
    assert mentions("    ```\n@Karine") == ["Karine"]
    assert mentions("- coffee\n\n    @Karine said hi") == ["Karine"]


def test_a_fence_closes_only_with_the_same_character_at_least_as_long_and_nothing_after():
    assert mentions("````\n@A\n```\n@B\n~~~~\n@C\n```` x\n@D\n`````  \n@Karine") == ["Karine"]


def test_an_unclosed_fence_runs_to_the_end():
    assert mentions("@Amina\n```\n@Karine\n\n\n@Joran #todo") == ["Amina"]
    assert tags("#give\n~~~\n#todo") == ["give"]


def test_a_backtick_fence_whose_line_holds_another_backtick_is_not_a_fence():
    # "```a`" is text (and an unmatched run), so what follows is prose.
    assert mentions("```a`\n@Karine") == ["Karine"]


def test_code_spans_hold_no_mentions_or_tags():
    body = "Use `@decorator` and ``a ` @inner #x`` then `#include`, thanks @Karine #python"
    assert mentions(body) == ["Karine"]
    assert tags(body) == ["python"]


def test_an_unmatched_backtick_run_is_plain_text():
    assert mentions("it`s @Karine, and ``@Amina too") == ["Karine", "Amina"]
    # ...but the next run of the same length closes it, however far in the paragraph.
    assert mentions("it`s @Karine, and ``@Amina` too") == []


def test_a_backslash_escaped_backtick_opens_nothing():
    assert mentions(r"\`@Karine` @Amina") == ["Karine", "Amina"]
    # A backslash inside a span is not an escape; an escaped backslash escapes nothing.
    assert mentions(r"`a\` @Karine \\`@code`") == ["Karine"]


def test_a_code_span_stays_within_its_paragraph():
    assert mentions("it`s late\n\n@Karine said `hi`") == ["Karine"]
    assert mentions("a `code\nover two lines @x` then @Karine") == ["Karine"]


def test_windows_and_old_mac_line_endings():
    assert mentions("```\r\n@A\r\n```\r\n@Karine\r```\r@B\r```\r@Amina") == ["Karine", "Amina"]
    assert mentions("it`s\r\n \r\n@Karine `x`") == ["Karine"]


def test_code_does_not_hide_what_stands_around_it():
    assert mentions('`x`@Karine @"Amina `x` Diallo" @Joran`y`') == ["Karine", "Joran"]


# --- Markup is not a mention --------------------------------------------------------------------


def test_textual_and_rich_markup_is_not_a_mention_or_tag():
    assert mentions("[@click=app.quit]hi[/] and [b @click=app.bell]ring[/]") == []
    assert mentions('[@click="app.quit"]hi[/] [@click]x[/]') == []
    assert tags("[#ff0000]red[/] [#FFF]") == []


def test_a_citation_alone_in_brackets_is_not_a_mention():
    assert mentions("as shown [@smith2020] and [@\"Doe Jane\"]") == []


def test_links_and_prose_in_brackets_still_mention():
    body = "[@Karine](https://example.com/karine) [@Amina to call back] [#give](https://example.com) [see @Joran]"
    assert mentions(body) == ["Karine", "Amina", "Joran"]
    assert tags(body) == ["give"]


def test_ordinary_prose_mentions_still_count():
    body = (
        '(@Karine) @Lucas, @Sofia. @"Amina Diallo" answered @Joran\'s ask; '
        "café avec @Émilie-Rose et « @Chloé » — @Inès! @Nathan? @Fatou: @Mehdi; @Olivier…"
    )
    assert mentions(body) == [
        "Karine", "Lucas", "Sofia", "Amina Diallo", "Joran", "Émilie-Rose", "Chloé", "Inès", "Nathan", "Fatou",
        "Mehdi", "Olivier",
    ]
    assert tags("(#give) #5a7, #apéro. « #réseau »") == ["give", "5a7", "apéro", "réseau"]


# --- Rewriting words as tags (the jrnl import) ----------------------------------------------------


def test_rewrite_as_tags_changes_only_the_listed_words_outside_code_and_quotes():
    text = '@Work, @workshop, @"Big @work" `@work` [@work] @work=1 @WORK\'s +idea karine@work.com \\@work'
    assert rewrite_as_tags(text, ["@work", "+idea", "#5a7", "", "x"]) == (
        '#Work, @workshop, @"Big @work" `@work` [@work] @work=1 #WORK\'s #idea karine@work.com \\@work',
        3,
    )


def test_rewrite_as_tags_with_nothing_listed_leaves_the_text():
    text = "@Karine #5a7"
    assert rewrite_as_tags(text, ["#5a7"]) == (text, 0)
    assert rewrite_as_tags(text, []) == (text, 0)
