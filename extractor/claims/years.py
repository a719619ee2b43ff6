"""Which year each figure refers to, from the periods of its sentence or, for an actual
figure in a sentence without one, the year an earlier sentence stated ("In 2016, the GDP
reached ..." then "Fiscal revenue reached ...")."""

from __future__ import annotations

import bisect
from typing import Final

from extractor.claims import year_words as words
from extractor.claims.cues import Cue, DocCues
from extractor.claims.lists import Respective
from extractor.claims.period import MULTI_YEAR_RE, Period, find_periods
from extractor.claims.slots import Figure, after_parens

# What period_of gives for a figure that covers several years ("to date", "average annual").
NO_YEAR: Final = Period(0, 0, "range", None)
_RIGHT_AFTER: Final = 25
_EVENT_GAP: Final = 30  # how far before a period a founding word dates it
_OPENER: Final = 150  # how far into a sentence its opening phrase of a founding may end
REACH: Final = 300  # how far from a figure its period is looked for


class YearTracker:
    """The periods of one document by sentence, and the year each sentence carries over."""

    def __init__(
        self,
        cues: DocCues,
        published: str | None,
        sentences: list[tuple[int, int]],
        until: int | None = None,
    ):
        """``until``: no figure comes after this offset, so no period is looked for there."""
        text = self.text = cues.text
        self.cues = cues
        self.published_year = int(published[:4]) if published else None
        self.sentences = sentences
        starts = self._sentence_starts = [s for s, _ in sentences]
        self.by_sentence: list[list[Period]] = [[] for _ in sentences]
        end = len(text) if until is None else until
        # A date with no year (an undated article's "on April 24") is its sentence's
        # period all the same: its figures take no year from an earlier sentence.
        for period in find_periods(cues.source, 0, end, published):
            self.by_sentence[max(0, bisect.bisect_right(starts, period.start) - 1)].append(period)
        self._starts = [[p.start for p in periods] for periods in self.by_sentence]
        self._no_year = cues.in_each("no_year", sentences)
        for i, flagged in enumerate(self._no_year):
            if flagged:
                start, end = sentences[i]
                self._no_year[i] = any(
                    self._covers_years(c) for c in cues.within("no_year", start, end)
                )
        source = cues.source
        holding = (
            words.sentences_holding(source.lower, "years", starts)
            if len(source.lower) == len(text)  # else offsets in the lower-cased text shift
            else range(len(sentences))
        )
        for i in holding:
            if not self._no_year[i]:
                start, end = sentences[i]
                self._no_year[i] = MULTI_YEAR_RE.search(text, start, end) is not None
        self._no_carry = cues.in_each("no_carry", sentences)
        for i, (start, end) in enumerate(sentences):
            if self.by_sentence[i] and not self._no_carry[i]:
                self._no_carry[i] = words.STARTED_IN_RE.search(text, start, end) is not None
        self._carry: list[Period | None] = []
        self._target_carry: list[Period | None] = []
        self._stated: list[Period | None] = []  # the last period before with a year
        self._carry_forward()

    def _is_future(self, period: Period) -> bool:
        return words.by_year(self.text, period, self.published_year) or (
            period.year is not None
            and self.published_year is not None
            and period.year > self.published_year
        )

    def _carry_forward(self) -> None:
        carry: Period | None = None
        target: Period | None = None
        stated: Period | None = None
        for i in range(len(self.sentences)):
            self._carry.append(carry)
            self._stated.append(stated)
            self._target_carry.append(target)
            if self._opens_with_years(i):
                carry = target = None  # "Over the past five years, ...": what follows too
            if self._no_carry[i]:
                continue
            limit = self._carry_limit(i) if self._no_year[i] else self.sentences[i][1]
            if limit is None:
                continue
            for period in self.by_sentence[i]:
                if period.end > limit:
                    break
                if words.FOLLOWING_YEAR_RE.match(self.text, period.start, period.end):
                    period = self._refers_back(period, carry)
                if (
                    period.kind == "base"
                    or (period.kind == "date" and period.year is None)
                    or self._labels_figure(period)
                ):
                    continue
                if self._is_future(period):
                    if not self._dates_completion(period):
                        target = period  # "will be completed by the end of 2021" dates that
                else:
                    carry = self._refers_back_to(period, carry, stated)
                    stated = carry if carry.year is not None else stated
                    if (
                        period.kind in ("year", "relative")
                        and self._states_year_to_now(period)
                        and period.year is not None
                        and period.year == self.published_year
                    ):
                        # "this year", "In 2020" in an article of 2020: the year of the
                        # plans that follow ("It will also ...")
                        target = period

    def _states_year_to_now(self, period: Period) -> bool:
        """Whether a period of the article's year speaks of the year, not of one day: "In
        2020", "this year", "Through September 2021" do; "on July 29, 2022" does not."""
        text = self.text
        if not words.MONTH_RE.search(text, max(0, period.start - 12), period.end):
            return True
        return words.UP_TO_MONTH_RE.match(text, period.start, period.end) is not None

    def _carry_limit(self, index: int) -> int | None:
        """Up to where the periods of sentence ``index``, which holds words of several
        years, carry over to the sentences after it: up to those words when a year stands
        before them ("In 2020, exports rose 8 percent, the fastest since 2015": 2020
        carries, 2015 does not), else nowhere."""
        start, end = self.sentences[index]
        covering = [
            c.start for c in self.cues.within("no_year", start, end) if self._covers_years(c)
        ]
        m = MULTI_YEAR_RE.search(self.text, start, end)
        first = min([*covering, *([m.start()] if m is not None else [])], default=end)
        periods = self.by_sentence[index]
        return first if any(p.end <= first and p.year is not None for p in periods) else None

    def _opens_with_years(self, index: int) -> bool:
        """Whether sentence ``index`` opens with words of several years ("Over the past
        five years, ...", "Since its establishment, ..."): the figures after it, in it and
        in the sentences that follow, take no year stated before it."""
        return words.YEARS_OPENER_RE.match(self.text, self.sentences[index][0]) is not None

    def _labels_figure(self, period: Period) -> bool:
        """Whether the period is a year in parentheses right after a figure ("RMB 64.7
        billion (2014)"): the label of that one figure, not the year of what follows."""
        text = self.text
        return (
            period.kind == "year"
            and text.startswith("(", period.start - 1)
            and text.startswith(")", period.end)
        )

    def _refers_back_to(
        self, period: Period, carry: Period | None, stated: Period | None
    ) -> Period:
        """``_refers_back``; a part of a year that the period carried over leaves with no
        year ("In August of this year" in an article with no date) is the part of the last
        year stated: "In the first eight months of 2022 ... In August of this year ... From
        January to August" is 2022 (a period that refers back keeps that year, CLAIMS.md)."""
        resolved = self._refers_back(period, carry)
        if resolved.year is None and period.kind == "span" and stated is not None:
            return self._refers_back(period, stated)
        return resolved

    def _refers_back(self, period: Period, carry: Period | None) -> Period:
        """An unresolved "the first half" after "the first half of 2020" keeps 2020; "the
        previous year" after "In 2006, ..." is 2005, whatever the article's date, and "the
        whole year" after it 2006; "this
        year" or "last year" in an article without a date refers to no stated year: null
        (CLAIMS.md)."""
        if (
            period.kind == "relative"
            and carry is not None
            and carry.year is not None
            and words.PREVIOUS_YEAR_RE.match(self.text, period.start, period.end)
        ):
            return Period(period.start, period.end, period.kind, carry.year - 1, period.end_month)
        if (
            period.kind == "relative"
            and carry is not None
            and carry.year is not None
            and (self.published_year is None or carry.year < self.published_year)
            and words.FOLLOWING_YEAR_RE.match(self.text, period.start, period.end)
        ):  # "In 2018, ... The next year, ...": 2019
            return Period(period.start, period.end, period.kind, carry.year + 1, period.end_month)
        if (
            period.kind == "relative"
            and carry is not None
            and carry.year is not None
            and words.WHOLE_YEAR_RE.search(self.text, period.start, period.end)
        ):  # "In 2021, ... For the whole year, ...": the year spoken of
            return Period(period.start, period.end, period.kind, carry.year, period.end_month)
        if (
            period.year is None
            and period.kind == "span"
            and carry is not None
            and carry.year is not None
            and carry.end_month == period.end_month
        ):
            return Period(period.start, period.end, period.kind, carry.year, period.end_month)
        return period

    def year_of(
        self,
        fig: Figure,
        index: int,
        clause: tuple[int, int],
        target: bool,
        since: int,
        now: bool = False,
        place: Respective | None = None,
    ) -> tuple[int | None, Period | None]:
        """``(year, period)`` of the figure in sentence ``index``: the period is in its
        sentence, or in an earlier one whose year carries over ("In 2016, ..." then "Fiscal
        revenue reached ..."), or None. ``since``: where the figure's own words start (the
        end of the figure before it in the clause, or the clause's start). ``now``: the
        figure states how things stand (a share, a stake): with no period, it is of the
        article's year. ``place``: the figure's place in a "respectively" list, which
        pairs it with the year of that rank in a list of as many years ("GDP was 30 and
        35 billion yuan in 2020 and 2021, respectively")."""
        listed = self._listed_year(index, place) if place is not None else None
        if listed is not None:
            return listed.year, listed
        period = self._period_of(fig, index, clause, since, target)
        if period is not None and period is not NO_YEAR and self._now_over(period, fig, clause):
            period = None if self._says_now(fig, clause, since) else period
        if period is NO_YEAR:
            # "By 2025, the average annual growth is expected to be 20 percent": a goal's
            # year is the year it is to be reached by.
            goal = self._goal_year(index, clause, fig) if target else None
            return (None, None) if goal is None else (goal.year, goal)
        if period is None:
            if self._says_now(fig, clause, since):
                return self.published_year, None  # "are now 80 percent faster"
            period = self._base(index) or (
                None
                if fig.kind == "money" and words.HAVE_DONE_RE.search(self.text, *clause)
                else self._target_carry[index]
                if target
                else self._carry[index]
            )
            if period is not None and period.year is None:
                period = None
        else:
            period = self._refers_back_to(
                period,
                self._stated_before(index, period) or self._carry[index],
                self._stated[index],
            )
            if period.year is None:
                # "January to May ... the same period of 2018": 2019; the comparison may
                # follow in the next sentence of the paragraph ("Exports rose 40 percent
                # in January. ... up 42 percent from the same period in 2018.")
                base = self._base(index) or (
                    self._next_base(index) if period.kind in ("span", "date") else None
                )
                if base is not None:
                    period = Period(period.start, period.end, period.kind, base.year)
        if self.cues.first("year_to_date", since, fig.start) is not None and (
            period is None or period.end_month is None
        ):
            return None, None  # a running total over no part of a year
        if period is None:
            if target:
                return None, None
            return (self.published_year if now else self._reported_now(index)), None
        goal = self._range_goal(period) if target and period.year is None else None
        if goal is not None:
            return goal.year, period
        if target and period.under_way and period.year is not None:
            return period.year + 1, period  # "to complete them in the third quarter" (July)
        return period.year, period

    def _now_over(self, period: Period, fig: Figure, clause: tuple[int, int]) -> bool:
        """Whether a "now" of the figure's words would beat ``period``: one outside the
        figure's clause before it ("In 2010, GDP was 3 billion yuan; today it is ..."),
        after it ("from 20 percent now to 35 percent by 2030"), or before its "now" ("was
        ... in 2010 and now stands at ...")."""
        if period.start >= fig.end:  # "worth 8 billion, now ..., acquired for 2 billion in 2017"
            return words.NOW_RE.search(self.text, fig.end, period.start) is not None
        if period.start < clause[0]:
            return True
        return words.NOW_RE.search(self.text, period.end, fig.start) is not None

    def _says_now(self, fig: Figure, clause: tuple[int, int], since: int) -> bool:
        """Whether the figure's own words in its clause say "now", "currently", ...: from
        the end of the figure before it to the next number after it ("from 20% now to
        24% by 2030": the "now" is the first figure's)."""
        text = self.text
        start = max(clause[0], since)
        if since > clause[0]:  # a "now" right after the figure before it is that one's
            start = words.skip_now(text, start)
        if words.NOW_RE.search(text, start, fig.start):
            return True
        digit = words.DIGIT_RE.search(text, fig.end, clause[1])
        return words.NOW_RE.search(text, fig.end, digit.start() if digit else clause[1]) is not None

    def _listed_year(self, index: int, place: Respective) -> Period | None:
        """The year of the figure's rank in a list of ``place.size`` years or parts of
        years joined by "," and "and" in sentence ``index`` ("in 2019, 2020 and 2021",
        "In 2021 and the first half of this year"), if there is one."""
        run: list[Period] = []
        for p in self.by_sentence[index]:
            if (
                p.kind not in ("year", "relative", "span")
                or (p.kind == "year" and p.year is None)
                or words.MONTH_RE.search(self.text, p.start, p.end)
            ):
                run = []
                continue
            if run and not words.LIST_GAP_RE.fullmatch(self.text, run[-1].end, p.start):
                run = []
            run.append(p)
            if len(run) == place.size:
                return run[place.position]
        return None

    def _goal_year(self, index: int, clause: tuple[int, int], fig: Figure) -> Period | None:
        """The "by <year>" period of a goal in ``clause`` of sentence ``index``, or the
        range it is to be reached over ("during the 14th Five-Year Plan period"), if any;
        not one after another figure, which is that one's ("grow by 20 percent annually,
        reaching 80 billion yuan by 2015": the 20 percent has no year)."""
        tail = after_parens(self.text, fig.end)
        for p in self.by_sentence[index]:
            if not clause[0] <= p.start < clause[1]:
                continue
            if p.start >= tail and words.DIGIT_RE.search(self.text, tail, p.start):
                break
            if p.year is not None and self._is_future(p):
                return p
            goal = self._range_goal(p)
            if goal is not None:
                return goal
        return None

    def _range_goal(self, period: Period) -> Period | None:
        """A goal over a range that has not ended ("from 2021 to 2025", "during the 14th
        Five-Year Plan period") is to be reached by its last year."""
        until = period.until
        if until is None or (self.published_year is not None and until < self.published_year):
            return None
        return Period(period.start, period.end, period.kind, until)

    def _stated_before(self, index: int, period: Period) -> Period | None:
        """The last period of sentence ``index`` before ``period`` that states a year ("GDP
        of 20 billion yuan in 2021, compared with 18 billion yuan a year earlier")."""
        i = bisect.bisect_left(self._starts[index], period.start)
        for p in reversed(self.by_sentence[index][max(0, i - 3) : i]):
            if p.kind != "base" and p.year is not None:
                return p
        return None

    def _next_base(self, index: int) -> Period | None:
        """The base of a comparison of the sentence after ``index`` in its paragraph."""
        if index + 1 >= len(self.sentences):
            return None
        if "\n" in self.text[self.sentences[index][1] : self.sentences[index + 1][0]]:
            return None
        return self._base(index + 1)

    def _base(self, index: int) -> Period | None:
        """The year a comparison with "the same period of <year>" in sentence ``index``
        gives its figures, when they state none of their own."""
        return next((p for p in self.by_sentence[index] if p.kind == "base"), None)

    def _reported_now(self, index: int) -> int | None:
        """The article's year for a deal the news reports with no date ("49 projects were
        signed with a total value of ..."): the signing is the news, so it happened when the
        article was published. A deal's projected output has no year."""
        if self.published_year is None:
            return None
        start, end = self.sentences[index]
        return self.published_year if self.cues.first("reported_now", start, end) else None

    def _period_of(
        self, fig: Figure, index: int, clause: tuple[int, int], since: int, target: bool
    ) -> Period | None:
        periods = [
            p
            for p in self._near(index, fig)
            if p.kind != "base"
            and not self._dates_event(p, index)
            and not (
                words.SINCE_RE.search(self.text, max(0, p.start - 7), p.start)
                and (p.year is None or p.year != self.published_year)
            )  # "since 2015" starts several years; "since Jan 1, 2021" in 2021, this one
        ]
        # Right after the figure, or in parentheses there ("64.7 billion yuan (2014)").
        tail = after_parens(self.text, fig.end)
        for p in periods:
            if (
                fig.end <= p.start <= tail + _RIGHT_AFTER
                and p.start < clause[1]
                and not words.DIGIT_RE.search(self.text, tail, p.start)  # another figure's
            ):
                return p
        # The figure's phrase ends at the next comma, or at the next figure, whose words
        # come after it ("growth of 12.6% and average growth of 8.1% over the
        # past two years": the years are the second one's).
        comma = self.text.find(",", tail, clause[1])
        end = clause[1] if comma < 0 else comma
        following = words.NEXT_FIGURE_RE.search(self.text, tail, end)
        reach = (
            max(self.sentences[index][0], fig.start - REACH),
            end if following is None else following.start(),
        )
        if fig.kind != "money" and self.cues.first(
            "no_year_rate", fig.end, min(fig.end + 10, clause[1])
        ):
            return NO_YEAR  # "has grown by 34.6% per year": an average over several years
        if target and self.cues.first("no_year_rate_target", tail, min(tail + 12, clause[1])):
            return NO_YEAR  # "should grow by 25 percent annually": each year of a plan
        if (self._no_year[index] and self._no_year_in(reach)) or self.cues.first(
            "no_year_before", since, fig.start
        ):
            return NO_YEAR
        if self._annual_rate(fig, since, periods):
            return NO_YEAR
        # "from 33.1 percent in 2015 to 58.7 percent": "in 2015" is the first figure's. A
        # figure set off by a comma after it speaks of the whole phrase: "from 21 billion
        # yuan in 2014 to 29 billion yuan in 2017, an increase of 41 percent" is of 2017.
        owned = (since, since + _RIGHT_AFTER) if since > clause[0] else (0, -1)
        before = [
            p
            for p in periods
            if p.end <= fig.start
            and not (owned[0] <= p.start <= owned[1] and "," not in self.text[p.end : fig.start])
        ]
        in_clause = [p for p in before if p.start >= clause[0]]
        if in_clause:
            return in_clause[-1]
        if before:
            return before[-1]
        after = [
            p
            for p in periods
            if p.start >= fig.end
            and p.start < clause[1]
            and not words.BASE_BETWEEN_RE.search(self.text, fig.end, p.start)
        ]
        if after:
            return after[0]
        if self._opens_with_event(index, fig):
            return NO_YEAR  # "Approved in 1992, Kunshan has attracted ...": since then
        return self._stated_earlier(index, fig)

    def _annual_rate(self, fig: Figure, since: int, periods: list[Period]) -> bool:
        """Whether a percentage is an annual rate counted from a base year its own words
        name, with no period of its own ("3.4 times that of 2010, with an annual growth
        rate of 27.5 percent"): a rate over the years since then, unlike "In 2020, the
        annual growth rate was 8 percent"."""
        if fig.kind == "money":
            return False
        cue = self.cues.first("no_year_undated", since, fig.start)
        return (
            cue is not None
            and words.YEAR_NUMBER_RE.search(self.text, since, cue.start) is not None
            and not any(since <= p.start < fig.start for p in periods)
        )

    def _opens_with_event(self, index: int, fig: Figure) -> bool:
        """Whether the figure's sentence opens with a phrase that dates a founding, before
        the figure ("Established in 1992, ..."): the figures after it count from then."""
        periods = self.by_sentence[index]
        return bool(periods) and periods[0].end <= fig.start and self._ends_opener(periods[0])

    def _ends_opener(self, period: Period) -> bool:
        """Whether the period ends a sentence's opening phrase of a founding ("Approved by
        the State Council in 1992, ..."): the phrase starts with a founding word and the
        period closes it, before its first comma."""
        start = self.sentences[bisect.bisect_right(self._sentence_starts, period.start) - 1][0]
        if period.start - start > _OPENER or not self.text.startswith(",", period.end):
            return False
        event = self.cues.first("no_carry", start, period.start)
        return (
            event is not None
            and not self.text[start : event.start].strip()
            and self.text.find(",", start, period.start) < 0
        )

    def _no_year_in(self, span: tuple[int, int]) -> bool:
        """Whether the words that make a figure cover several years ("so far", "since 2015",
        "in the past five years") stand in ``span``: the figure's sentence up to the end of
        its phrase, not only after it in another ("In 2021, GDP grew 5 percent, the fastest
        since 2015": 2021)."""
        start, end = span
        return (
            any(self._covers_years(c) for c in self.cues.within("no_year", start, end))
            or MULTI_YEAR_RE.search(self.text, start, end) is not None
        )

    def _covers_years(self, cue: Cue) -> bool:
        """Whether a ``no_year`` cue makes a figure cover several years: not "so far this
        year", "of the year thus far", nor "by the end of the 14th Five-Year Plan"."""
        text = self.text
        since = (
            words.SINCE_YEAR_RE.match(text, cue.end)
            if text[cue.start : cue.end].lower() == "since"
            else None
        )
        if since is not None and int(since["year"]) == self.published_year:
            return False  # "since January 2021" in an article of 2021: a part of this year
        return (
            words.THIS_YEAR_SO_FAR_RE.match(text, cue.end) is None
            and not words.THIS_YEAR_BEFORE_RE.search(text, max(0, cue.start - 20), cue.start)
            and not words.PLAN_END_BEFORE_RE.search(text, max(0, cue.start - 30), cue.start)
        )

    def _dates_event(self, period: Period, index: int) -> bool:
        """Whether the period dates a founding or a launch ("plans to establish the new area
        in 2017") or a statement ("said on Tuesday"), not a figure."""
        if self._ends_opener(period):
            return True
        lo = max(self.sentences[index][0], period.start - _EVENT_GAP)
        if period.kind == "date" and words.SAID_RE.search(self.text, lo, period.start):
            return True
        if self._dates_completion(period) or self._ends_aside(period, index):
            return True
        return self.cues.last("no_carry", lo, period.start) is not None

    def _ends_aside(self, period: Period, index: int) -> bool:
        """Whether the period closes a phrase set off by commas that dates a founding
        ("The zone, approved by the State Council in 1992, saw its GDP reach ...")."""
        if not self.text.startswith(",", period.end):
            return False
        comma = self.text.rfind(",", self.sentences[index][0], period.start)
        if comma < 0 or period.start - comma > _OPENER:
            return False
        cue = self.cues.first("no_carry", comma, period.start)
        return (
            cue is not None
            and words.ASIDE_OPENS_RE.fullmatch(self.text, comma, cue.start) is not None
        )

    def _dates_completion(self, period: Period) -> bool:
        """Whether the period dates when a project is to be finished or to start running."""
        return (
            words.COMPLETED_RE.search(self.text, max(0, period.start - _EVENT_GAP), period.start)
            is not None
        )

    def _stated_earlier(self, index: int, fig: Figure) -> Period | None:
        """The last period of the figure's sentence before it, however far: a long list of
        figures after "in the first half of 2021, ..." keeps that year."""
        i = bisect.bisect_left(self._starts[index], fig.start)
        # Periods do not overlap, so only the last one can reach into the figure.
        for p in reversed(self.by_sentence[index][max(0, i - 2) : i]):
            if p.end <= fig.start:
                dated_event = self._dates_completion(p) or self._ends_aside(p, index)
                return p if p.kind != "base" and not dated_event else None
        return None

    def _near(self, index: int, fig: Figure) -> list[Period]:
        """The periods of sentence ``index`` within reach of the figure."""
        periods = self.by_sentence[index]
        starts = self._starts[index]
        lo = bisect.bisect_left(starts, fig.start - REACH)
        return periods[lo : bisect.bisect_right(starts, fig.end + REACH)]

    def is_future(self, period: Period | None, year: int | None) -> bool:
        """Whether a figure's period makes it a target ("by 2025", a year after the article's)."""
        if period is not None and words.by_year(self.text, period, self.published_year):
            return True
        return year is not None and self.published_year is not None and year > self.published_year
