"""Keyword tokens for BM25, the same for passages and questions: jieba words (with a finance user
dictionary), Chinese character bigrams (so words jieba does not know still match), English words,
unit-free number tokens (38亿 = 3.8 billion, 2.7万 = 27,000); period shorthands spelled out
(23H1 = 2023年上半年)."""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cached_property

from rag.text.normalize import CJK_RUN, normalize
from rag.text.numbers import find_quantities
from rag.text.terms import default_term_map, extra_jieba_words

# Bump when the tokenising code changes; changes to the word lists it reads are noticed by their
# digest. Either way the keyword index is rebuilt by `rag index`.
ANALYZER_VERSION = 4

# Question words and particles: they say nothing about which passage answers.
_STOP_ZH = frozenset(
    """
    的 了 是 在 和 与 及 等 为 对 中 也 都 将 而 有 就 被 把 这 那 其 之 或 并 但 从 到 由 向 以 于
    吗 呢 吧 啊 么 多少 什么 哪些 哪个 怎么 怎样 如何 是否 请问 请 一下 一个 我们 他们 你们 公司
    情况 方面 相关 进行 以及 通过 可以 已经 目前 分别 各自
    """.split()
)
_STOP_EN = frozenset(
    """
    a an the of in on at to for from by with and or but is are was were be been being do does did
    what which who whom whose when where why how many much it its this that these those as about
    into than then there their they them we our you your i me my he she his her has have had will
    would can could should may might not no yes so if also any each per vs via up out over under
    company s tell give show please
    """.split()
)
_LATIN_WORD = re.compile(r"[a-z][a-z0-9]*(?:[&'][a-z0-9]+)*")
# Period shorthands are spelled out the Chinese way, so "23H1", "H1 2023" and "2023年上半年" give
# the same tokens.
_PERIODS = [
    (re.compile(r"(?<![a-z0-9])(?:20)?(\d{2})\s?h1(?![a-z0-9])"), r" 20\1年上半年 "),
    (re.compile(r"(?<![a-z0-9])(?:20)?(\d{2})\s?h2(?![a-z0-9])"), r" 20\1年下半年 "),
    (re.compile(r"(?<![a-z0-9])h1\s?(?:of\s)?20(\d{2})(?![0-9])"), r" 20\1年上半年 "),
    (re.compile(r"(?<![a-z0-9])h2\s?(?:of\s)?20(\d{2})(?![0-9])"), r" 20\1年下半年 "),
    (re.compile(r"(?<![a-z0-9])fy\s?(?:20)?(\d{2})(?![0-9])"), r" 20\1年全年 "),
    (re.compile(r"(?<![a-z0-9])(?:20)?(\d{2})\s?q([1-4])(?![a-z0-9])"), r" 20\1年第\2季度 "),
    (re.compile(r"(?<![a-z0-9])q([1-4])\s?20(\d{2})(?![0-9])"), r" 20\2年第\1季度 "),
    # "23年6月", "到了 24 年": two-digit years (only 15-35, so "10年" stays a duration).
    (re.compile(r"(?<![\d.])(1[5-9]|2\d|3[0-5])\s?年"), r"20\1年"),
]


_COMMON = 3000
_RARE = 500  # 央视 418, 小米 396, 本田 43; but 珠宝 773, 头部 1008, 厂商 1183


class Analyzer:
    @cached_property
    def version(self) -> str:
        """The tokeniser's version and a digest of the word lists it reads (terms, jieba words)."""
        words = "\n".join(sorted(default_term_map().chinese_words() | set(extra_jieba_words())))
        return f"{ANALYZER_VERSION}-{hashlib.sha256(words.encode()).hexdigest()[:12]}"

    @cached_property
    def _jieba(self):  # -> jieba.Tokenizer, built once with the finance dictionary
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        for word in sorted(default_term_map().chinese_words() | set(extra_jieba_words())):
            tokenizer.add_word(word, freq=50_000)
        return tokenizer

    @cached_property
    def _tagger(self):  # -> jieba.posseg.POSTokenizer (part-of-speech tags, for nouns())
        import jieba.posseg

        return jieba.posseg.POSTokenizer(self._jieba)

    def common(self, word: str) -> bool:
        """An everyday word (类型, 项目: jieba's dictionary counts it 3,000+ times in its corpus), not
        a term of the trade (股息, 审计师)."""
        return self._jieba.FREQ.get(word, 0) >= _COMMON and word not in default_term_map().chinese_words()

    def rare(self, word: str) -> bool:
        """A word jieba's dictionary counts rarely or never (恩智浦, 本田, 央视): more likely a name
        than the everyday words of a description (香港最大的珠宝集团之一). The term map's words are
        added with a high count: never rare."""
        return self._jieba.FREQ.get(word, 0) < _RARE

    def words(self, text: str) -> list[str]:
        """jieba's words of a text, as written (stop words included)."""
        return list(self._jieba.cut(text, HMM=True))

    def nouns(self, text: str) -> list[str]:
        """Chinese nouns of two or more characters (names, places, things) in `text`."""
        return [
            pair.word
            for run in CJK_RUN.findall(normalize(text))
            for pair in self._tagger.cut(run)
            if pair.flag.startswith("n") and len(pair.word) > 1 and pair.word not in _STOP_ZH
        ]

    def tokens(self, text: str) -> list[str]:
        text = normalize(text).lower()
        for pattern, spelled_out in _PERIODS:
            text = pattern.sub(spelled_out, text)
        tokens = [q.key for q in find_quantities(text)]
        for word in _LATIN_WORD.findall(text):
            word = stem(word) if word not in _STOP_EN else word  # "does" is a stop word, not "doe"
            if word not in _STOP_EN:
                tokens.append(word)
        for run in CJK_RUN.findall(text):
            tokens += self._chinese_tokens(run)
        return tokens

    def phrases(self, text: str) -> list[str]:
        """The Chinese text between stop words, as phrases: "的无形资产是多少元" -> 无形资产, 元."""
        return [
            "".join(segment) for run in CJK_RUN.findall(normalize(text)) for segment in self._segments(run) if segment
        ]

    def _segments(self, run: str) -> list[list[str]]:
        """jieba's words of a Chinese run, in runs of consecutive non-stop words."""
        segments: list[list[str]] = [[]]
        for word in self._jieba.cut(run, HMM=True):
            if word in _STOP_ZH:
                segments.append([])
            else:
                segments[-1].append(word)
        return segments

    def _chinese_tokens(self, run: str) -> list[str]:
        tokens: list[str] = []
        for segment in self._segments(run):
            for word in segment:
                tokens.append(word)
                if len(word) > 2:  # also its sub-words: 营业收入 -> 营业, 收入
                    tokens += [w for w in self._jieba.cut_for_search(word) if w != word and len(w) > 1]
            tokens += _bigrams("".join(segment))
        return tokens


def _bigrams(segment: str) -> list[str]:
    # Prefixed so a bigram never counts as the jieba word it happens to equal.
    return [f"_{segment[i : i + 2]}" for i in range(len(segment) - 1)]


def stem(word: str) -> str:
    """Possessives and plain plurals only: "sensetime's" -> "sensetime", "gpus" -> "gpu"."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word
