"""Item analysis of a quiz's results, computed the way Moodle's quiz statistics report does.

Sources (read, not copied): ``moodle/moodle:question/classes/statistics/questions/
calculator.php`` (per-item statistics: ``initial_question_walker``, ``secondary_steps_walker``,
``secondary_question_walker``, effective weight in ``calculate``) and ``moodle/moodle:mod/quiz/
report/statistics/classes/calculator.php`` (test statistics: median, SD, skewness, kurtosis,
CIC, error ratio, standard error); the display in ``mod/quiz/report/statistics/
statistics_table.php`` (facility and SD shown as % of the item's maximum mark).

With s attempts, p items, item mark xᵢ = score × max_score, total T = Σ xᵢ and rest
Rᵢ = T − xᵢ, every (co)variance divided by s − 1:

- facility Fᵢ = 100 · mean(xᵢ) / maxᵢ (%)
- SDᵢ = 100 · √(Σ(xᵢ − x̄ᵢ)² / (s − 1)) / maxᵢ (% of the item's maximum, as Moodle shows it)
- discrimination index Dᵢ = 100 · cov(xᵢ, Rᵢ) / √(var xᵢ · var Rᵢ): the item–rest
  correlation, not the top/bottom-27 % difference some guides describe
- discriminative efficiency DEᵢ = 100 · cov(xᵢ, Rᵢ) / cov_max, where cov_max pairs the
  sorted xᵢ with the sorted Rᵢ (the largest covariance these marks could have)
- effective weight EWᵢ = 100 · √cov(xᵢ, T) / Σⱼ √cov(xⱼ, T) over items with cov ≥ 0;
  None for an item whose covariance with the total is negative
- coefficient of internal consistency (Cronbach's α) CIC = 100 · p/(p − 1) ·
  (1 − Σ var xᵢ / var T); error ratio ER = 100 · √(1 − CIC/100); standard error
  SE = ER · SD_T / 100 (marks)
- skewness and kurtosis of T from the k-statistics, as Moodle does.

Choices, as Moodle makes them unless said otherwise:

- Each student's **first** attempt is analysed (Moodle's default); ``attempts="all"``
  treats every attempt as a separate student, as Moodle's "all attempts" option does.
  Student ids are compared as exam seeds compare them (``exam.normalise_student_id``: NFKC,
  stripped, case-folded), so 'S001' and 's001' are one student.
- An item missing from an attempt counts as **0 marks** (Moodle stores every question of
  an attempt, and an unanswered one has no mark, which sums as 0); each case is listed
  in ``problems``. A response ``null`` is counted as "(no answer)".
- Values that cannot be computed are ``None`` (never NaN), with the reason in ``notes``:
  spread needs s ≥ 2; D and DE need spread in both the item and the rest; CIC needs p ≥ 2,
  a total with spread and, as in Moodle, s ≥ 3; skewness needs s ≥ 3 and kurtosis s ≥ 4.
- Variants of a parametrized question are one item (Moodle can split by variant; we do not).

Pure numpy: no plotting here (see :mod:`livermets_edu.quiz.analysis_plots`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

import numpy as np

from .exam import student_key
from .results import AttemptRecord, ItemResult
from .schema import MultipleResponse, Question, SingleBestAnswer, TrueFalse

__all__ = [
    "CHOICE_TYPES",
    "CIC_GOOD_ABOVE_PERCENT",
    "CIC_UNSATISFACTORY_BELOW_PERCENT",
    "TOTAL_SD_TARGET_PERCENT",
    "cic_verdict",
    "ItemStatistics",
    "QuizAnalysis",
    "QuizSummary",
    "ResponseCount",
    "analyse",
    "marks_statistics",
]

CHOICE_TYPES = ("single", "multiple", "true_false")
# Moodle's targets for a whole test (docs.moodle.org/28/en/Development:Quiz_report_statistics):
# assessment targets, not clinical numbers. Moodle gives none for a single item.
CIC_GOOD_ABOVE_PERCENT = 75.0
CIC_UNSATISFACTORY_BELOW_PERCENT = 64.0
TOTAL_SD_TARGET_PERCENT = (12.0, 18.0)
NO_ANSWER = "(no answer)"
OTHER = "other"


@dataclass(frozen=True)
class ResponseCount:
    """How often one response (or, for multiple response, one option) was given."""

    value: str
    count: int
    share: float  # of the attempts analysed, 0..1
    mean_score: float | None  # mean credit (0..1) on the item of those who gave it
    correct: bool | None = None  # known only when the question is given


@dataclass(frozen=True)
class ItemStatistics:
    """Moodle's statistics for one item (question) of a quiz; percentages are 0..100."""

    question_id: str
    type: str
    attempts: int
    missing: int
    max_mark: float
    mean_mark: float
    facility_percent: float
    sd_percent: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None
    effective_weight: float | None
    responses: tuple[ResponseCount, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuizSummary:
    """Statistics of the total scores; marks, and percentages of the maximum total."""

    attempts: int
    items: int
    max_total: float
    mean: float
    median: float
    sd: float | None
    mean_percent: float
    median_percent: float
    sd_percent: float | None
    skewness: float | None
    kurtosis: float | None
    cic: float | None
    error_ratio: float | None
    standard_error: float | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuizAnalysis:
    """Item statistics, test statistics and response counts for one quiz."""

    quiz_id: str
    items: tuple[ItemStatistics, ...]
    summary: QuizSummary
    totals: tuple[float, ...]  # each analysed attempt's total marks
    problems: tuple[str, ...] = ()

    def item(self, question_id: str) -> ItemStatistics:
        """The statistics of one item, by question id."""
        for item in self.items:
            if item.question_id == question_id:
                return item
        raise KeyError(f"quiz {self.quiz_id!r} has no item {question_id!r}")

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per item for a CSV file (None stays None; notes joined by '; ')."""
        rows = []
        for item in self.items:
            row = {key: value for key, value in asdict(item).items() if key != "responses"}
            row["notes"] = "; ".join(item.notes)
            rows.append(row)
        return rows

    def response_rows(self) -> list[dict[str, Any]]:
        """One flat row per item and response (distractor analysis) for a CSV file."""
        return [
            {"question_id": item.question_id, **asdict(count)}
            for item in self.items
            for count in item.responses
        ]


# --- the statistics on a matrix of marks ----------------------------------------------------


def _centred(values: np.ndarray) -> np.ndarray:
    # Exactly zero for constant marks, so binary noise in the mean never fakes a spread.
    if np.ptp(values) == 0:
        return np.zeros_like(values)
    return values - values.mean()


def _item_numbers(
    x: np.ndarray, rest: np.ndarray, total: np.ndarray, max_mark: float, items: int
) -> tuple[dict[str, float | None], list[str]]:
    s = len(x)
    numbers: dict[str, float | None] = {
        "mark_variance": None,
        "sd_percent": None,
        "discrimination_index": None,
        "discriminative_efficiency": None,
        "covariance_with_total": None,
    }
    if s < 2:
        return numbers, ["spread, discrimination and efficiency need at least 2 attempts"]
    notes = []
    dx, drest, dtotal = _centred(x), _centred(rest), _centred(total)
    variance = float(dx @ dx) / (s - 1)
    rest_variance = float(drest @ drest) / (s - 1)
    covariance = float(dx @ drest) / (s - 1)
    sorted_x, sorted_rest = _centred(np.sort(x)), _centred(np.sort(rest))
    covariance_max = float(sorted_x @ sorted_rest) / (s - 1)
    numbers["mark_variance"] = variance
    numbers["sd_percent"] = 100.0 * math.sqrt(variance) / max_mark
    numbers["covariance_with_total"] = float(dx @ dtotal) / (s - 1)
    if variance == 0:
        notes.append("every student got the same mark, so the item cannot discriminate")
    elif items < 2:
        notes.append("a one-item quiz has no rest score to compare the item with")
    elif rest_variance == 0:
        notes.append("every student got the same mark on the rest of the quiz")
    else:
        index = 100.0 * covariance / math.sqrt(variance * rest_variance)
        numbers["discrimination_index"] = min(100.0, max(-100.0, index))
        numbers["discriminative_efficiency"] = 100.0 * covariance / covariance_max
    return numbers, notes


def _effective_weights(covariances: list[float | None]) -> list[float | None]:
    roots = [math.sqrt(value) for value in covariances if value is not None and value >= 0]
    denominator = math.fsum(roots)
    if denominator == 0:
        return [None] * len(covariances)
    return [
        100.0 * math.sqrt(value) / denominator if value is not None and value >= 0 else None
        for value in covariances
    ]


def _summary(
    totals: np.ndarray, mark_variances: list[float | None], max_total: float
) -> QuizSummary:
    s, items = len(totals), len(mark_variances)
    notes: list[str] = []
    mean, median = float(totals.mean()), float(np.median(totals))
    sd = skewness = kurtosis = cic = error_ratio = standard_error = None
    if s < 2:
        notes.append("the SD of the totals needs at least 2 attempts")
    else:
        deviations = _centred(totals)
        sd = math.sqrt(float(deviations @ deviations) / (s - 1))
        m2, m3, m4 = (float(np.mean(deviations**power)) for power in (2, 3, 4))
        k2 = s * m2 / (s - 1)
        if s < 3:
            notes.append("skewness and the CIC need at least 3 attempts (as in Moodle)")
        elif k2 == 0:
            notes.append("every student had the same total: no skewness, kurtosis or CIC")
        else:
            k3 = s * s * m3 / ((s - 1) * (s - 2))
            skewness = k3 / k2**1.5
            if s > 3:
                k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
                kurtosis = k4 / (k2 * k2)
            else:
                notes.append("kurtosis needs at least 4 attempts")
            if items < 2:
                notes.append("the CIC needs at least 2 items")
            else:
                item_variance = math.fsum(value or 0.0 for value in mark_variances)
                cic = 100.0 * items / (items - 1) * (1.0 - item_variance / k2)
                error_ratio = 100.0 * math.sqrt(max(0.0, 1.0 - cic / 100.0))
                standard_error = error_ratio * sd / 100.0
    return QuizSummary(
        attempts=s,
        items=items,
        max_total=max_total,
        mean=mean,
        median=median,
        sd=sd,
        mean_percent=100.0 * mean / max_total,
        median_percent=100.0 * median / max_total,
        sd_percent=None if sd is None else 100.0 * sd / max_total,
        skewness=skewness,
        kurtosis=kurtosis,
        cic=cic,
        error_ratio=error_ratio,
        standard_error=standard_error,
        notes=tuple(notes),
    )


def cic_verdict(cic: float | None) -> str:
    """The CIC (Cronbach's alpha, %) judged against Moodle's targets, in words."""
    if cic is None:
        return "not computed (it needs at least three attempts and two items)"
    if cic > CIC_GOOD_ABOVE_PERCENT:
        return f"good (above {CIC_GOOD_ABOVE_PERCENT:g}%)"
    if cic < CIC_UNSATISFACTORY_BELOW_PERCENT:
        return f"unsatisfactory (below {CIC_UNSATISFACTORY_BELOW_PERCENT:g}%)"
    return (
        f"between Moodle's targets ({CIC_UNSATISFACTORY_BELOW_PERCENT:g}% and "
        f"{CIC_GOOD_ABOVE_PERCENT:g}%)"
    )


def marks_statistics(
    marks: Sequence[Sequence[float]] | np.ndarray,
    max_marks: Sequence[float],
    question_ids: Sequence[str] | None = None,
) -> tuple[list[ItemStatistics], QuizSummary]:
    """Moodle's item and test statistics for a matrix of marks (one row per attempt)."""
    matrix = np.asarray(marks, dtype=float)
    maxima = np.asarray(max_marks, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] < 1 or matrix.shape[1] < 1:
        raise ValueError("marks must be a table with one row per attempt and one column per item")
    if maxima.shape != (matrix.shape[1],) or np.any(maxima <= 0):
        raise ValueError("give one positive maximum mark per item (column)")
    if not np.all(np.isfinite(matrix)):
        raise ValueError("marks must be finite numbers")
    ids = (
        list(question_ids)
        if question_ids is not None
        else [f"Q{n + 1}" for n in range(len(maxima))]
    )
    totals = matrix.sum(axis=1)
    numbers, notes = [], []
    for column, max_mark in enumerate(maxima):
        x = matrix[:, column]
        found, why = _item_numbers(x, totals - x, totals, float(max_mark), matrix.shape[1])
        numbers.append(found)
        notes.append(why)
    weights = _effective_weights([found["covariance_with_total"] for found in numbers])
    items = []
    for column, (found, why, weight) in enumerate(zip(numbers, notes, weights, strict=True)):
        covariance = found["covariance_with_total"]
        if weight is None and covariance is not None and covariance < 0:
            why = [*why, "negative covariance with the total: no effective weight"]
        mean_mark = float(matrix[:, column].mean())
        items.append(
            ItemStatistics(
                question_id=ids[column],
                type="",
                attempts=matrix.shape[0],
                missing=0,
                max_mark=float(maxima[column]),
                mean_mark=mean_mark,
                facility_percent=100.0 * mean_mark / float(maxima[column]),
                sd_percent=found["sd_percent"],
                discrimination_index=found["discrimination_index"],
                discriminative_efficiency=found["discriminative_efficiency"],
                effective_weight=weight,
                notes=tuple(why),
            )
        )
    variances = [found["mark_variance"] for found in numbers]
    return items, _summary(totals, variances, float(maxima.sum()))


# --- from results records -------------------------------------------------------------------


def _response_text(response: Any) -> str:
    if response is None or response == "" or response == []:
        return NO_ANSWER
    if isinstance(response, bool):
        return "true" if response else "false"
    if isinstance(response, (int, float)):
        return f"{response:.6g}"
    if isinstance(response, str):
        text = response.strip()
        if text.lower() in ("true", "false"):
            return text.lower()
        return text
    return json.dumps(response, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _option_values(kind: str, response: Any) -> list[str]:
    """The values to count for one response: each chosen option for multiple response."""
    if kind == "multiple" and isinstance(response, list) and response:
        return sorted({_response_text(option) for option in response})
    return [_response_text(response)]


def _known_values(question: Question | None) -> list[tuple[str, bool]]:
    if isinstance(question, (SingleBestAnswer, MultipleResponse)):
        right = {question.answer} if isinstance(question.answer, str) else set(question.answer)
        return [(option_id, option_id in right) for option_id in question.option_ids]
    if isinstance(question, TrueFalse):
        return [("true", question.answer), ("false", not question.answer)]
    return []


def _response_counts(
    kind: str,
    answers: list[tuple[Any, float | None]],
    question: Question | None,
    top: int,
) -> tuple[ResponseCount, ...]:
    s = len(answers)
    counts: Counter[str] = Counter()
    credit: dict[str, list[float]] = {}
    for response, score in answers:
        for value in _option_values(kind, response):
            counts[value] += 1
            if score is not None:
                credit.setdefault(value, []).append(score)
    known = dict(_known_values(question))

    def row(value: str, count: int, scores: list[float]) -> ResponseCount:
        mean_score = math.fsum(scores) / len(scores) if scores else None
        return ResponseCount(value, count, count / s, mean_score, known.get(value))

    if kind in CHOICE_TYPES:
        order = list(known) + sorted(
            (value for value in counts if value not in known), key=lambda v: (-counts[v], v)
        )
        return tuple(row(value, counts[value], credit.get(value, [])) for value in order)
    ranked = sorted(counts, key=lambda value: (-counts[value], value))
    rows = [row(value, counts[value], credit.get(value, [])) for value in ranked[:top]]
    rest = ranked[top:]
    if rest:
        scores = [score for value in rest for score in credit.get(value, [])]
        rows.append(row(f"{OTHER} ({len(rest)} distinct)", sum(counts[v] for v in rest), scores))
    return tuple(rows)


def _attempt_order(record: AttemptRecord) -> tuple[Any, ...]:
    return record.submitted_at, record.started_at, record.attempt_id


def _pick_quiz(records: list[AttemptRecord], quiz_id: str | None) -> tuple[str, list[str]]:
    quizzes = Counter(record.quiz_id for record in records)
    if not quizzes:
        raise ValueError("there are no attempts to analyse")
    if quiz_id is None:
        if len(quizzes) > 1:
            names = ", ".join(sorted(quizzes))
            raise ValueError(f"the results hold several quizzes ({names}); choose one with quiz_id")
        quiz_id = next(iter(quizzes))
    if quiz_id not in quizzes:
        names = ", ".join(sorted(quizzes))
        raise ValueError(f"no attempts at quiz {quiz_id!r}; the results hold {names}")
    others = {name: count for name, count in sorted(quizzes.items()) if name != quiz_id}
    problems = []
    if others:
        listed = ", ".join(f"{name}: {count}" for name, count in others.items())
        problems.append(f"{sum(others.values())} attempts at other quizzes skipped ({listed})")
    return quiz_id, problems


def _most_common(values: list[Any]) -> Any:
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], value))


@dataclass(frozen=True)
class _Column:
    marks: np.ndarray
    max_mark: float
    kind: str
    missing: int
    answers: list[tuple[Any, float | None]]
    problems: list[str]


def _item_column(
    qid: str, results: list[ItemResult], used: list[dict[str, ItemResult]], students: list[str]
) -> _Column:
    """One item's marks over the analysed attempts; a missing item counts as 0 marks."""
    problems = []
    max_mark = _most_common([result.max_score for result in results])
    kind = _most_common([result.type for result in results])
    if len({result.max_score for result in results}) > 1:
        problems.append(
            f"item {qid} has different max_score across attempts; "
            f"{max_mark:g} is used for its facility and SD"
        )
    if len({result.type for result in results}) > 1:
        problems.append(f"item {qid} has different types across attempts; {kind} is used")
    marks = np.zeros(len(used))
    absent: list[str] = []
    answers: list[tuple[Any, float | None]] = []
    for row, (by_id, student) in enumerate(zip(used, students, strict=True)):
        result = by_id.get(qid)
        if result is None:
            absent.append(student)
            answers.append((None, None))
        else:
            marks[row] = result.mark
            answers.append((result.response, result.score))
    if absent:
        shown = ", ".join(absent[:5]) + ("…" if len(absent) > 5 else "")
        problems.append(
            f"item {qid} is missing from {len(absent)} attempts (students {shown}): "
            "counted as 0 marks"
        )
    return _Column(marks, max_mark, kind, len(absent), answers, problems)


def analyse(
    records: Iterable[AttemptRecord],
    quiz_id: str | None = None,
    *,
    questions: Iterable[Question] | None = None,
    attempts: Literal["first", "all"] = "first",
    top_responses: int = 5,
) -> QuizAnalysis:
    """Moodle's item analysis of one quiz's attempts: facility, discrimination, CIC, responses.

    ``questions`` (optional, in quiz order) sets the item order and lets response counts
    list every option, chosen or not, and say which is correct.
    """
    if attempts not in ("first", "all"):
        raise ValueError(f"attempts must be 'first' or 'all', not {attempts!r}")
    all_records = list(records)
    quiz_id, problems = _pick_quiz(all_records, quiz_id)
    mine = sorted((r for r in all_records if r.quiz_id == quiz_id), key=_attempt_order)
    used = mine
    summary_notes = []
    if attempts == "first":
        firsts: dict[str, AttemptRecord] = {}
        for record in mine:
            firsts.setdefault(student_key(record.student_id), record)
        used = list(firsts.values())
        left_out = len(mine) - len(used)
        summary_notes.append(
            "each student's first attempt is analysed (Moodle's default)"
            + (f"; {left_out} later attempts left out" if left_out else "")
        )
    else:
        summary_notes.append("every attempt is analysed as if by a different student")

    by_question = {question.id: question for question in questions or ()}
    seen: dict[str, list[ItemResult]] = {}
    for record in used:
        for item in record.items:
            seen.setdefault(item.question_id, []).append(item)
    order = [qid for qid in by_question if qid in seen]
    order += sorted(qid for qid in seen if qid not in by_question)
    problems += [
        f"question {qid} has no results in these attempts" for qid in by_question if qid not in seen
    ]

    lookups = [{item.question_id: item for item in record.items} for record in used]
    students = [record.student_id for record in used]
    columns = [_item_column(qid, seen[qid], lookups, students) for qid in order]
    marks = np.column_stack([column.marks for column in columns])
    for column in columns:
        problems += column.problems
    max_marks = [column.max_mark for column in columns]

    items, summary = marks_statistics(marks, max_marks, order)
    finished = tuple(
        replace(
            item,
            type=column.kind,
            missing=column.missing,
            responses=_response_counts(
                column.kind, column.answers, by_question.get(item.question_id), top_responses
            ),
        )
        for item, column in zip(items, columns, strict=True)
    )
    summary = replace(summary, notes=(*summary_notes, *summary.notes))
    return QuizAnalysis(
        quiz_id, finished, summary, tuple(float(t) for t in marks.sum(axis=1)), tuple(problems)
    )
