"""A detector of English left in a Chinese or French page: runs of three or more English words outside maths,
code and markup. A run counts as English when at least two of its words are common English words that French
does not also use, so "de la couche" or "softmax stable" pass and "the old value is kept" does not."""
import json
import re

from google.protobuf.json_format import MessageToDict

# common English words, none of them also a French word (so not: a, an, as, do, file, gradient, if, no, on, or, rate,
# show, test, train)
ENGLISH = set("""
the of and to is in that for it with by this from at be are each its not was has have you your will can which into
when then than what how why there their been all any one two yes so but they we our up down out over under only also
more most here where these those them does did per every get press click step steps weight weights loss network layer
layers sample samples number numbers hidden output input inputs outputs training data link new old value values kept
epoch epochs learning update updates bias biases see open copy choose keep
""".split())
MATHS = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|`[^`]*`|<style.*?</style>|<[^>]+>|https?://\S+", re.DOTALL)
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# code, not text: a page's path and ids, and the code names in what the explorer's page computes from (its model,
# and its quiz's kinds of question and place)
NOT_TEXT = {"page", "id", "formId", "pageScriptHash", "jsContent", "cssContent", "componentName", "activation", "phase",
            "show", "kind"}
TRIM = ".,:;!?()[]\"'“”«»…"


def english_runs(text: str) -> list[str]:
    """Each run of 3+ English-looking words in `text`, maths, code and markup removed."""
    found, run = [], []

    def close():
        if len(run) >= 3 and sum(word.lower() in ENGLISH for word in run) >= 2:
            found.append(" ".join(run))
        run.clear()

    for token in MATHS.sub(" ", text).split():
        word = token.strip(TRIM)
        if WORD.fullmatch(word):
            run.append(word)
        else:
            close()
        if token[-1] in ".;:!?":  # a sentence or a clause ends
            close()
    close()
    return found


def strings(value) -> list[str]:
    """Every string inside a protobuf message, a dict or a list, with JSON strings opened too."""
    if hasattr(value, "DESCRIPTOR"):
        value = MessageToDict(value)
    if isinstance(value, dict):  # a page link's "page" is its URL path, which a learner does not read
        return [s for k, v in value.items() if k not in NOT_TEXT and not k.endswith("_key")
                for s in (comments(v) if k == "codeText" else strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, str):
        if value[:1] in "{[":
            try:
                return strings(json.loads(value))
            except ValueError:
                pass
        return [value]
    return []


def comments(code: str) -> list[str]:
    """A program's comments: its words for the learner (its keywords are Python's, in every language)."""
    return [line.split("#", 1)[1] for line in code.splitlines() if "#" in line]


def leftovers(texts: list[str]) -> list[str]:
    return sorted({run for text in texts for run in english_runs(text)})


def page_texts(at) -> list[str]:
    """Every string an AppTest run drew: labels, help, options, Markdown, messages, charts and components."""
    found, nodes = [], [at._tree]
    while nodes:
        node = nodes.pop()
        if getattr(node, "proto", None) is not None:
            found += strings(node.proto)
        nodes += list(getattr(node, "children", {}).values())
    return found


def untranslated(texts: list[str], catalogue) -> list[str]:
    """Texts shown exactly as an English msgid whose translation differs (a label left in English)."""
    english = {m.id for m in catalogue if m.id and m.string and m.string != m.id and len(m.id) > 3}
    return sorted({text.strip() for text in texts} & english)
