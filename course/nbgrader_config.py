# nbgrader configuration of the focal-loss course (nbgrader 0.9.6, see requirements.txt). Run nbgrader through
# course/nbgrader, which sets the environment the Java kernel needs (docs/guide/exercises-and-grading.md).
import os

c = get_config()  # noqa: F821 (defined by nbgrader when it reads this file)

HERE = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.root = HERE
c.CourseDirectory.course_id = "focal-loss"

# Java: what replaces the code between "// BEGIN SOLUTION" and "// END SOLUTION" in the student version. It
# compiles inside a method body (the assignments put their solution regions there) and fails loudly when run.
c.ClearSolutions.code_stub = {
    "java": "// your code here\nthrow new UnsupportedOperationException();",
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# The delimiters are matched anywhere in a line, so Java's "// BEGIN SOLUTION" and "// BEGIN HIDDEN TESTS"
# work; spelled out here so the Java convention is visible in one place.
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# A Java test cell fails by throwing (AssertionError from the set-up cell's require): the error output makes
# nbgrader give that cell 0 points. The kernel takes a few seconds to start; the random-logit test is the
# slowest cell.
c.Execute.timeout = 120
c.Execute.startup_timeout = 120
# Autograde runs each submission on the kernel its metadata names: "java" (JJava), installed by
# binder/postBuild into .venv; course/nbgrader puts .venv/share/jupyter on JUPYTER_PATH so that it is found.

# Release and collect through an exchange folder inside the course (gitignored), not /srv/nbgrader/exchange,
# so one instructor on one machine needs no root; point it at a shared folder for a real class.
c.Exchange.root = os.environ.get("FOCAL_NBGRADER_EXCHANGE", os.path.join(HERE, "exchange"))
c.Exchange.path_includes_course = True
