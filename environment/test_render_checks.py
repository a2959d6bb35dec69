"""The page checker itself: a MathJax error, untypeset TeX or a console error fails a page."""
import unittest

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parent))
import test_export_math as t  # noqa: E402


class RenderChecksTest(unittest.TestCase):
    def test_a_math_processing_error_fails_the_page(self):
        dom = '<div class="MathJax_Display"></div><span class="MathJax_Preview"></span><span>[Math Processing Error]</span>'
        self.assertTrue(any("Math Processing Error" in p for p in t.problems(dom, "", True)))

    def test_a_console_error_fails_the_page(self):
        err = '[1206/041500.1:INFO:CONSOLE(3)] "Uncaught ReferenceError: Plotly is not defined", source: file:///x.html (3)'
        self.assertTrue(any("Plotly is not defined" in p for p in t.problems('<div class="MathJax"></div>', err, False)))

    def test_a_clean_page_passes_and_a_page_without_math_passes_unless_math_is_expected(self):
        self.assertEqual([], t.problems('<p>ok</p><div class="MathJax_Display"></div>', "", True))
        self.assertEqual([], t.problems("<p>no formulas</p>", "", False))
        self.assertEqual(["no typeset formula"], t.problems("<p>no formulas</p>", "", True))

    def test_untypeset_tex_fails(self):
        self.assertTrue(t.problems("<p>$$\\frac{a}{b}$$</p>", "", False))


if __name__ == "__main__":
    unittest.main()
