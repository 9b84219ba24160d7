"""Write the instructor notebook ``notebooks/instructor/run-a-quiz.ipynb``, unexecuted.

Run from the repository root, then execute it so it is committed with outputs:

    python scripts/make_instructor_notebook.py
    python scripts/execute_lessons.py notebooks/instructor/run-a-quiz.ipynb

The notebook walks an instructor through a quiz from start to finish: build a quiz definition
from a shipped bank, export it, hand out one exam paper, collect results (simulated here) and
read the item analysis. Logic lives in :mod:`livermets_edu.quiz`; each code cell is a few lines.
Every output must be the same on every machine (nbval compares them): fixed seeds, a fixed
clock, and no temporary folder's path printed.
"""

from __future__ import annotations

from pathlib import Path

from lesson_tools import WIDGET_MARKER, build, write

from livermets_edu.quiz.analysis import (
    CIC_GOOD_ABOVE_PERCENT,
    CIC_UNSATISFACTORY_BELOW_PERCENT,
    TOTAL_SD_TARGET_PERCENT,
)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "instructor" / "run-a-quiz.ipynb"
BANK = "08-liver-directed"
QUIZ_ID = "ld-practice-exam"
#: Moodle's targets for a whole test, in % (the analysis module holds them, with their source).
CIC_GOOD_ABOVE = f"{CIC_GOOD_ABOVE_PERCENT:g}"
CIC_UNSATISFACTORY_BELOW = f"{CIC_UNSATISFACTORY_BELOW_PERCENT:g}"
SD_TARGET = "–".join(f"{end:g}" for end in TOTAL_SD_TARGET_PERCENT) + "%"
#: The longest code cell allowed: logic belongs in the package, not in the notebook.
MAX_CODE_LINES = 12

NOTICE = """\
> **For education only: not medical advice.** The questions teach liver metastases to medical
> students; they must not be used to diagnose or treat patients.
>
> **The results in this notebook are simulated**, made by a simple model of 120 imaginary
> students. They are not real students' answers, and they say nothing about how good the bank's
> questions really are."""

# One (kind, text) pair per cell, laid out as the notebook reads rather than as a formatter would.
# fmt: off
CELLS: list[tuple[str, str]] = [
    ("md", f"""\
# Instructor notebook · Run a quiz: build, export, hand out, analyse

{NOTICE}

## Who this is for
Instructors and teaching assistants who run quizzes from the livermets-edu question banks, in a
course's learning platform (Moodle, Canvas, any QTI system) or in Jupyter itself. You need no
programming beyond running cells; the same steps exist as `livermets-edu` commands (section 6).

## What you will do
1. **Build** a quiz: draw 10 questions from the lesson 08 bank into a *quiz definition*, a short
   file you review and keep with the course.
2. **Export** it to every supported format: Moodle XML, GIFT, QTI 2.1, Canvas, Anki, printable
   pages and jupyterquiz.
3. **Hand out** one student's exam paper: see that each student gets their own question order,
   answer two questions and submit.
4. **Collect** results: a results file that only ever grows, and what happens to a damaged line.
5. **Analyse** the results the way Moodle does: facility, discrimination, internal consistency,
   and which wrong answers students chose.
6. Do the same from the **command line**.

Everything is written into a temporary folder that is deleted at the end. **Time:** about
20 minutes."""),

    # --- 1 · Build -----------------------------------------------------------------------------
    ("md", """\
## 1 · Build a quiz definition
A **quiz definition** says which bank questions make up a quiz, in which mode (self-check or
exam), with which time limit and which **seed**. The seed fixes every random choice: which
questions are drawn, and each student's question order. Keep the definition with your course
(under version control if you can): with it, any student's paper can be rebuilt exactly, for
grading or to answer a query.

Here: 10 questions drawn from the lesson 08 bank, an exam with a 20-minute limit. It takes the
four question types that every export format can hold (single and multiple answer, true/false,
numeric). Matching, ordering, label-the-diagram and case questions go to Moodle, QTI, Anki and
print; GIFT, Canvas and jupyterquiz cannot hold some of them, and an export names any question
it refuses rather than dropping it."""),

    ("code", f"""\
from livermets_edu.quiz.definition import build_quiz, definition_summary

definition = build_quiz(
    "{BANK}", quiz_id="{QUIZ_ID}", title="Liver-directed therapy: practice exam",
    types=("single", "multiple", "true_false", "numeric"),
    n=10, seed=20261123, mode="exam", time_limit_minutes=20,
)
print(definition_summary(definition))"""),

    ("md", """\
Save it as YAML in a working folder (here a temporary one) and read it. The header says how it
was built; exams shuffle questions and options by default. This is the file to review: check
the questions, change the title or time limit, then keep it."""),

    ("code", f"""\
import tempfile
from pathlib import Path

from livermets_edu.quiz.definition import save_quiz_definition

workspace = tempfile.TemporaryDirectory()  # deleted at the end of the notebook
folder = Path(workspace.name)
saved = save_quiz_definition(definition, folder / "{QUIZ_ID}.yaml")
print(saved.read_text(encoding="utf-8"))"""),

    ("md", """\
Loading a definition checks every line: a question that no longer exists in its bank, or a
typo in a field, is reported with its line number. `resolve` then gives the questions
themselves."""),

    ("code", """\
from livermets_edu.quiz.definition import load_quiz_definition, resolve

definition = load_quiz_definition(saved)
questions = resolve(definition)
for question in questions:
    print(question.id, question.type)"""),

    # --- 2 · Export ----------------------------------------------------------------------------
    ("md", """\
## 2 · Export to your learning platform
Each format is one call. A question with generated numbers (a *parametrized* question; this
quiz has none) is exported as one variant, made from the quiz seed: your platform then shows
every student the same numbers."""),

    ("code", """\
from livermets_edu.quiz import variants
from livermets_edu.quiz.export import FORMATS, ExportQuiz, export_quiz

concrete = [variants.concrete(question, definition.seed) for question in questions]
quiz = ExportQuiz.of(definition.quiz, definition.title, concrete)
for name, export_format in FORMATS.items():
    written = export_quiz(quiz, name, folder / f"{quiz.quiz_id}-{name}{export_format.suffix}")
    print(f"{name:14} {written.name:40} {export_format.description}")"""),

    ("md", """\
Where each file goes:
- **Moodle XML** or **GIFT**: Moodle's question bank, *Import*. XML keeps formatting and
  feedback best; GIFT is plain text you can read and edit.
- **QTI 2.1 package**: platforms that import IMS QTI 2.1 (for example Blackboard, Inspera).
- **Canvas QTI 1.2 package**: Canvas, *Settings → Import course content → QTI .zip file*.
- **Anki deck**: for students to revise with spaced repetition.
- **Printable page** for students (no answers) and a separate **answer key**.
- **jupyterquiz JSON**: to show the questions in any Jupyter notebook.

The LMS files and the answer key contain the answers (a platform needs them to grade): keep
them away from students. File sizes are not shown because the zip and Anki packages carry
timestamps, so they differ slightly from one run to the next.

The start of the GIFT file, as an example (long lines cut at 100 characters):"""),

    ("code", f"""\
gift = (folder / "{QUIZ_ID}-gift.gift.txt").read_text(encoding="utf-8")
for line in gift.splitlines()[:7]:
    print(line[:100] + ("…" if len(line) > 100 else ""))"""),

    # --- 3 · One student's paper ---------------------------------------------------------------
    ("md", """\
## 3 · One student's exam paper
In exam mode every student gets **their own paper**: the questions in their own order, the
options of each question shuffled, and their own numbers in a parametrized question. The paper
is computed from the quiz seed and the student id alone, so it is the same every time it is
rebuilt, on any computer.

A fixed clock (10:00 on the exam day) keeps this notebook's output the same on every run."""),

    ("code", """\
from datetime import datetime, timezone

from livermets_edu.quiz.session import QuizSession

exam_start = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
for student in ("s001", "s002"):
    paper = QuizSession.from_definition(definition, student, clock=lambda: exam_start).paper
    print(student, "gets", " ".join(paper.question_ids))
    first = paper.question_ids[0]
    print(f"     options of {first} in the order shown:", paper.option_orders[first])"""),

    ("md", """\
Student s001 starts the exam. This clock moves on four minutes at each reading, like a student
working; the session shows the time left."""),

    ("code", """\
from datetime import timedelta
from itertools import count

readings = count()


def exam_clock():
    \"\"\"10:00 at the start, then four minutes later at each reading.\"\"\"
    return exam_start + timedelta(minutes=4 * next(readings))


session = QuizSession.from_definition(definition, "s001", clock=exam_clock)
print(session.title, "|", session.time_text())"""),

    ("md", """\
In an exam an answer is only **saved**: the student learns nothing about whether it is right
until the exam is submitted, and can change it until then. Here s001 answers the first question
with its key and gets a true/false question wrong."""),

    ("code", """\
first = session.questions[0]
print(first.id, session.answer(first.id, first.answer).feedback)
true_false = next(question for question in session.questions if question.type == "true_false")
print(true_false.id, session.answer(true_false.id, not true_false.answer).feedback)
print(session.score_text(), "|", session.time_text())"""),

    ("md", """\
Submitting grades every question once (an unanswered question scores 0) and gives the
**attempt record**, the line that goes into the results file. Work submitted after the time
limit is kept and marked `late`. (Its random `attempt_id` is left out here, as it differs on
every run.)"""),

    ("code", """\
record = session.submit()
for key in ("student_id", "quiz_id", "mode", "started_at", "submitted_at", "score", "max_score"):
    print(f"{key:13} {record[key]}")
print(f"{'late':13} {session.late}")
for item in record["items"]:
    if item["response"] is not None:
        print(item["question_id"], item["type"], "response", item["response"],
              "score", item["score"])"""),

    ("md", """\
### The exam as students see it
In a notebook (on JupyterHub, say) a student runs `exam_widget` with the quiz definition, their
id and the results file to write. They see their own paper, save answers without feedback, a
countdown, and a Submit button that asks for confirmation; the attempt is then written to the
results file and the feedback shown. When the time is up the answers lock and the student is
told to submit (late work is kept, and marked). Run the cell to try it: it writes to the
temporary folder."""),

    ("code", f"""\
{WIDGET_MARKER}
from livermets_edu.quiz import exam_widget

exam_widget(saved, "s003", results_path=folder / "exam-results.jsonl")"""),

    # --- 4 · Results ---------------------------------------------------------------------------
    ("md", """\
## 4 · Collect results (simulated)
A **results file** holds one submitted attempt per line (JSON lines). `append_attempt` adds an
attempt safely: it never overwrites an earlier attempt, and a crash mid-write leaves the file
whole. Here the attempts are **simulated**: 120 imaginary students of varying ability answer
questions of varying difficulty, each wrong answer drawn from the options with one plausible
distractor preferred. The same seed gives the same class, with fixed submission times."""),

    ("code", """\
from livermets_edu.quiz.results import append_attempt, read_results
from livermets_edu.quiz.simulation import simulate_results

simulated = simulate_results(questions, 120, seed=5, quiz_id=definition.quiz)
results_file = folder / "results.jsonl"
for attempt in simulated:
    append_attempt(results_file, attempt)
print(len(simulated), "attempts written, from", simulated[0].student_id, "to",
      simulated[-1].student_id)"""),

    ("md", """\
Files get damaged: a disk fills up, someone edits the file by hand. Here a line cut short is
added on purpose. Reading reports each unreadable line with its line number and a reason, skips
it and keeps every good one. Nothing is deleted: the line stays in the file for you to look at.
(The report gives the file name only, without its temporary folder.)"""),

    ("code", """\
with results_file.open("a", encoding="utf-8") as stream:
    stream.write('{"format": "livermets-results", "version": 1, "student_id": "sim-121"\\n')

read = read_results(results_file)
print(len(read.records), "attempts read,", len(read.problems), "line skipped")
for problem in read.problems:
    print(f"  {problem.file.name}:{problem.line}: {problem.reason}")"""),

    ("md", """\
For your gradebook, one row per student (best attempt, as Moodle grades by default), as CSV a
spreadsheet opens safely:"""),

    ("code", """\
from livermets_edu.quiz.results import write_scores_csv

scores = write_scores_csv(read.records, folder / "scores.csv")
print("\\n".join(scores.read_text(encoding="utf-8").splitlines()[:4]))"""),

    # --- 5 · Item analysis ---------------------------------------------------------------------
    ("md", """\
## 5 · Item analysis
`analyse` computes the statistics of Moodle's quiz statistics report, from each student's first
attempt. For each item (question):

- **Facility**: the average mark as a % of the item's marks. High means easy, low means hard.
  A very low facility is worth a look: is the key right?
- **SD**: how much the marks on the item vary (% of its marks).
- **Discrimination index**: the correlation between the item's mark and the mark on the rest of
  the quiz. High: students who did well overall also got this item right, so the item measures
  what the quiz measures. Near zero: it tells the strong and weak students apart no better than
  chance. **Negative**: stronger students did *worse*; suspect a wrong key or an ambiguous
  question.
- **Discriminative efficiency**: the discrimination index as a share of the highest one the
  item could reach at its facility (a very easy or very hard item cannot discriminate much).
- **Effective weight**: the share of the spread of total scores that comes from this item."""),

    ("code", """\
from livermets_edu.quiz.analysis import analyse, cic_verdict

analysis = analyse(read.records, questions=questions)


def percent(value):
    return "–" if value is None else f"{value:.0f}%"


print(f"{'item':8} {'type':11} {'facility':>8} {'SD':>5} {'discrim.':>8} {'effic.':>7} weight")
for item in analysis.items:
    print(f"{item.question_id:8} {item.type:11} {percent(item.facility_percent):>8} "
          f"{percent(item.sd_percent):>5} {percent(item.discrimination_index):>8} "
          f"{percent(item.discriminative_efficiency):>7} {percent(item.effective_weight):>6}")"""),

    ("md", f"""\
For the quiz as a whole:

- **CIC** (coefficient of internal consistency, Cronbach's α): how consistently the items
  measure the same thing. Moodle's targets: above **{CIC_GOOD_ABOVE}%** is good, below
  **{CIC_UNSATISFACTORY_BELOW}%** unsatisfactory. A short quiz has a lower CIC than a long one
  with items of the same quality, so judge a 10-question practice quiz gently.
- **ER** (error ratio): the share of the spread of total scores that is measurement error
  (random noise) rather than real differences between students; lower is better.
- **SE** (standard error): the same in marks: a student's total is uncertain by about ± SE.
- **SD** of the totals: Moodle suggests **{SD_TARGET}** of the maximum; much less and the quiz
  hardly separates the students."""),

    ("code", """\
summary = analysis.summary
print(f"{summary.attempts} attempts, mean {summary.mean_percent:.0f}%, "
      f"median {summary.median_percent:.0f}%, SD {summary.sd_percent:.0f}% of the maximum")
print(f"CIC {summary.cic:.1f}%  ER {summary.error_ratio:.1f}%  "
      f"SE {summary.standard_error:.2f} marks out of {summary.max_total:g}")
print("CIC:", cic_verdict(summary.cic))"""),

    ("md", """\
### Which answers did students choose?
The **distractor table** of one item: for each option, how many students chose it, and their
average score on the item. Here, the single-answer item with the lowest discrimination index.
A distractor that almost nobody chooses is doing no work; a distractor chosen by many strong
students may be arguably right."""),

    ("code", """\
from textwrap import shorten

singles = [item for item in analysis.items
           if item.type == "single" and item.discrimination_index is not None]
weakest = min(singles, key=lambda item: item.discrimination_index)
question = next(question for question in concrete if question.id == weakest.question_id)
options = {option.id: option.text for option in question.options}
print(weakest.question_id, f"discrimination {percent(weakest.discrimination_index)}")
for row in weakest.responses:
    key = "key" if row.correct else "   "
    text = shorten(options[row.value], 60, placeholder="…")
    print(f"  {row.value:3} {key} {row.count:4} ({row.share:4.0%})  {text}")"""),

    ("md", """\
**What to do with a weak item** (low or negative discrimination, or a facility near 0% or
100%):
1. **Check the key** first. A wrong key shows as a low facility, a negative discrimination,
   and a distractor chosen by the strongest students.
2. **Read the question** as a student would: is it ambiguous? Does the stem give the answer
   away? Is a distractor defensible?
3. **Fix it in the bank** (the bank is reviewed data, with a source for every fact), or drop it
   from the next quiz definition. Moodle's documentation gives no single cut-off for one item's
   discrimination: read the lowest items first.
4. If the key was wrong, **regrade**: every response is kept in the results file, so the marks
   can be recomputed.

In this simulated class the differences between items come from the model's random
difficulties and from chance, not from flaws in the questions."""),

    ("md", """\
### Two pictures
The same numbers as plots. Each carries a text description (alt text) for readers who cannot
see it, on the image and in its caption, as the lessons' diagrams do.

**Facility against discrimination.** Each point is an item. Items at the top discriminate well;
items near the zero line (dashed) or below it are the ones to read. Items at the far left or
right are very hard or very easy."""),

    ("code", """\
from livermets_edu.quiz.analysis_plots import facility_discrimination_plot, total_score_plot

facility_discrimination_plot(analysis)"""),

    ("md", """\
**Total scores.** The spread of the students' totals, with the mean and median. A pile-up at
the right means the quiz was too easy to separate the students; at the left, too hard."""),

    ("code", """\
total_score_plot(analysis)"""),

    # --- 6 · Command line ----------------------------------------------------------------------
    ("md", f"""\
## 6 · The same from the command line
Every step has a `livermets-edu quiz` command, for scripts and for colleagues who prefer a
terminal. Run them in your course folder:

```bash
livermets-edu quiz build --id {QUIZ_ID} --title "Liver-directed therapy: practice exam" \\
    --bank {BANK} --type single --type multiple --type true_false --type numeric \\
    -n 10 --seed 20261123 --mode exam --time-limit 20 -o {QUIZ_ID}.yaml
livermets-edu quiz export {QUIZ_ID}.yaml --format all -o exports/
livermets-edu quiz export {QUIZ_ID}.yaml --format printable --student s001 -o s001.html
livermets-edu quiz results results.jsonl --csv scores.csv
livermets-edu quiz analyse results.jsonl --quiz {QUIZ_ID}.yaml --out analysis/
```

- `build` writes the same definition as section 1 (the same seed draws the same questions).
- `export --format all` writes every format into a folder; `--student` writes one student's
  own paper (their order and numbers), for a printed exam.
- `results` prints each student's first and best score and writes the gradebook CSV; damaged
  lines are listed as `FILE:LINE: reason` and skipped, as in section 4.
- `analyse` prints the item and test statistics of section 5 and writes them as CSV files,
  with the two plots as PNG files (their alt text inside).

`livermets-edu quiz COMMAND --help` lists every option of a command."""),

    # --- Summary -------------------------------------------------------------------------------
    ("md", """\
## Summary
- A **quiz definition** (YAML) names the questions, mode, time limit and seed; keep it with the
  course, and every student's paper can be rebuilt.
- **Exports** put the same quiz into Moodle, Canvas, any QTI system, Anki, print or Jupyter;
  the LMS files and the answer key hold the answers.
- In **exam mode** each student gets their own order, answers are saved without feedback, and
  submitting gives one attempt record; late work is kept and flagged.
- **Results files** only grow; a damaged line is reported with its line number and skipped,
  never deleted.
- **Item analysis** gives Moodle's statistics: read the lowest-discrimination items first, check
  their key and wording, and judge the quiz's CIC against Moodle's targets.

## Next steps
- Build a quiz from your own lessons' banks (`lessons=`, `tags=`, `difficulty=` and `types=`
  filter the questions) and import it into your platform.
- Run the analysis on your own class's results file, and compare it with your platform's
  statistics report.
- Found a weak question? Improve it in its bank (`quizzes/NN-….yaml`) and check it with
  `livermets-edu quiz validate`.

The temporary folder, with every file written here, is deleted now:"""),

    ("code", """\
workspace.cleanup()
print("deleted:", not folder.exists())"""),
]
# fmt: on


def main() -> None:
    """Write the instructor notebook (without outputs)."""
    NOTEBOOK.parent.mkdir(parents=True, exist_ok=True)
    write(build(CELLS, ()), NOTEBOOK)


if __name__ == "__main__":
    main()
