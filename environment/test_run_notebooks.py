"""The notebook runner's verdict on an execution: any raised error fails the notebook, whatever its outputs say."""
import sys
import unittest
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks  # noqa: E402


class ExecutionFailureTest(unittest.TestCase):
    def test_nothing_raised_is_no_failure(self):
        self.assertIsNone(run_notebooks.execution_failure(None, 600))

    def test_an_execution_error_without_an_error_output_still_fails(self):
        # The kernel reported an error but the notebook holds no "error" output: first_error finds nothing.
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 +", outputs=[])])
        self.assertEqual((None, None), run_notebooks.first_error(nb))
        e = CellExecutionError("traceback text", "CompilationException", "';' expected")
        self.assertEqual("CompilationException: ';' expected", run_notebooks.execution_failure(e, 600))

    def test_an_execution_error_with_no_name_says_what_it_has(self):
        e = CellExecutionError("An error occurred\nlast line of the traceback", "", "")
        self.assertEqual("error: last line of the traceback", run_notebooks.execution_failure(e, 600))

    def test_timeouts_dead_kernels_and_anything_else_fail_with_their_cause(self):
        self.assertIn("past the 600 s limit", run_notebooks.execution_failure(CellTimeoutError("Cell timed out"), 600))
        self.assertIn("the kernel died", run_notebooks.execution_failure(DeadKernelError("gone"), 600))
        self.assertEqual("RuntimeError: no kernel", run_notebooks.execution_failure(RuntimeError("no kernel"), 600))


if __name__ == "__main__":
    unittest.main()
