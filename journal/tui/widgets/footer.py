"""The footer of every screen: Textual's, without its leak.

Textual 8.2.8's Footer binds each key it composes to its own `compact`
(`data_bind`), which registers a watcher on the Footer holding the key. The
footer recomposes whenever a screen's bindings change, and the keys it drops
stay referenced for good (Textualize/textual#6666): thousands of objects per
screen switch, and every few dozen keys a 100-300 ms garbage collection on a
10-year journal. Our footers never change `compact` after they are made, so
the keys take its value once instead of binding to it. Compose is Textual's
own otherwise (pinned version).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup  # private, like the app's _display: pinned


class Footer(TextualFooter):
    _shown: tuple | None = None  # the keys last composed

    def _keys_now(self) -> tuple:
        bindings = self.screen.active_bindings.values()
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in bindings
            if binding.show or binding.action == "command_palette"
        )

    def bindings_changed(self, screen) -> None:
        # The focus moving between two lists with the same keys changes nothing shown:
        # recomposing anyway costs a frame's worth of work (~13 ms) on the next key.
        if self._bindings_ready and self.is_attached and screen is self.screen and self._keys_now() == self._shown:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_now()
        yield from self._footer_keys()

    def _key(self, *args, **options) -> FooterKey:
        key = FooterKey(*args, **options)
        key.compact = self.compact
        return key

    def _footer_keys(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active_bindings = self.screen.active_bindings
        bindings = [(binding, enabled, tooltip) for (_, binding, enabled, tooltip) in active_bindings.values() if binding.show]
        action_to_bindings: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for binding, enabled, tooltip in bindings:
            action_to_bindings[binding.action].append((binding, enabled, tooltip))
        self.styles.grid_size_columns = len(action_to_bindings)
        for group, multi_bindings_iterable in groupby(
            action_to_bindings.values(), lambda multi_bindings_: multi_bindings_[0][0].group
        ):
            multi_bindings = list(multi_bindings_iterable)
            if group is not None and len(multi_bindings) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for each in multi_bindings:
                        binding, enabled, tooltip = each[0]
                        yield self._key(
                            binding.key,
                            self.app.get_key_display(binding),
                            "",
                            binding.action,
                            disabled=not enabled,
                            tooltip=tooltip or binding.description,
                            classes="-grouped",
                        )
                yield FooterLabel(group.description)
            else:
                for each in multi_bindings:
                    binding, enabled, tooltip = each[0]
                    yield self._key(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip,
                    )
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
