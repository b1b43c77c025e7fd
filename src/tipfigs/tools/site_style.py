"""The look of the HTML reading edition: a readable document at any width (no horizontal
scrolling at a phone's 390 px or a desktop's 1,400 px), one badge colour per verdict, and
notebook pages whose code highlighting and prompts have a text contrast of at least 4.5:1
(WCAG AA), set with selectors that outrank JupyterLab's theme. Kept apart from
:mod:`tipfigs.tools.site`, which builds the pages."""

from __future__ import annotations

#: Each verdict's badge: (background, border). Text is always #1f2328, at least 11:1 on every
#: background; the hues tell apart the verdicts a reader must not confuse (does not hold, depends,
#: cannot be checked), and the border marks them for readers who cannot tell the hues apart.
BADGES = {
    "reproduced": ("#dafbe1", "#1a7f37 solid"),
    "differs": ("#ffd8d3", "#cf222e solid"),
    "depends-on-choices": ("#f3e8ff", "#8250df dashed"),
    "mixed": ("#fff1c2", "#9a6700 dashed"),
    "consistent": ("#d6f5ef", "#0f766e solid"),
    "inconsistent": ("#fde2cf", "#953800 solid"),
    "context": ("#f6f8fa", "#6e7781 dotted"),
    "transcribed": ("#ddf4ff", "#0969da solid"),
    "not-reproducible": ("#e6e6e6", "#57606a double"),
}


def badge_css() -> str:
    return "\n".join(
        f".badge.v-{status} {{ background: {bg}; border: 2px {border}; }}"
        for status, (bg, border) in BADGES.items())


SITE_CSS = """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       line-height: 1.55; color: #1f2328; margin: 0; background: #fff; }
main.tipfigs { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem;
               overflow-wrap: anywhere; }
nav.tipfigs { background: #0b3d63; padding: 0.6rem 1.25rem; display: flex; flex-wrap: wrap;
              gap: 0.3rem 1.5rem; font-family: system-ui, sans-serif; }
nav.tipfigs a { color: #fff; text-decoration: none; font-weight: 600; }
nav.tipfigs a:hover, nav.tipfigs a:focus { text-decoration: underline; }
main.tipfigs a { color: #0550ae; }
main.tipfigs h1 { font-size: 1.8rem; line-height: 1.25; }
main.tipfigs h2 { font-size: 1.4rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; }
main.tipfigs h3 { font-size: 1.15rem; margin-top: 2rem; }
main.tipfigs h4 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
main.tipfigs li { margin: 0.25rem 0; }
main.tipfigs table { border-collapse: collapse; font-size: 0.9rem; margin: 1rem 0;
                     display: block; max-width: 100%; overflow-x: auto; }
main.tipfigs th, main.tipfigs td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem;
                                   vertical-align: top; text-align: left; }
main.tipfigs th { background: #f6f8fa; }
main.tipfigs img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
main.tipfigs pre { background: #f6f8fa; padding: 0.8rem; white-space: pre-wrap; }
main.tipfigs code { background: #f6f8fa; padding: 0 0.2rem; }
main.tipfigs :target { scroll-margin-top: 0.5rem; }
main.tipfigs a[id]:target + h3 { background: #fff8c5; }
.badge { display: inline; color: #1f2328; font-weight: 600; padding: 0.05rem 0.45rem;
         border-radius: 0.8rem; -webkit-box-decoration-break: clone;
         box-decoration-break: clone; }
main.tipfigs summary { cursor: pointer; font-weight: 600; color: #0550ae; margin: 0.5rem 0; }
ul.glance { padding-left: 1.2rem; }
ul.glance > li { margin: 0.55rem 0; }
aside.checks { background: #f6f8fa; border: 1px solid #d0d7de; padding: 0.5rem 1rem;
               margin: 1rem 0; }
""" + badge_css()

#: Added to the notebook pages (JupyterLab's template): the site's navigation, the statements
#: the notebook checks, and colours of at least 4.5:1 for the prompts and the highlighted code
#: (JupyterLab's own light theme falls short for comments, prompts and a few tokens).
NB_CSS = """
nav.tipfigs { background: #0b3d63; padding: 0.6rem 1.5rem; font-family: system-ui, sans-serif;
              display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; }
nav.tipfigs a { color: #fff; text-decoration: none; font-weight: 600; }
aside.checks { background: #f6f8fa; border: 1px solid #d0d7de; padding: 0.5rem 1rem;
               margin: 1rem 0; font-family: system-ui, sans-serif; }
aside.checks a { color: #0550ae; }
html:root {
  --jp-cell-prompt-not-active-font-color: #57606a;
  --jp-cell-inprompt-font-color: #0550ae;
  --jp-cell-outprompt-font-color: #a40e26;
  --jp-mirror-editor-keyword-color: #116329;
  --jp-mirror-editor-atom-color: #0550ae;
  --jp-mirror-editor-number-color: #116329;
  --jp-mirror-editor-def-color: #0550ae;
  --jp-mirror-editor-variable-color: #1f2328;
  --jp-mirror-editor-variable-2-color: #0550ae;
  --jp-mirror-editor-variable-3-color: #116329;
  --jp-mirror-editor-punctuation-color: #0550ae;
  --jp-mirror-editor-property-color: #0550ae;
  --jp-mirror-editor-operator-color: #8250df;
  --jp-mirror-editor-comment-color: #57606a;
  --jp-mirror-editor-string-color: #a40e26;
  --jp-mirror-editor-string-2-color: #8250df;
  --jp-mirror-editor-meta-color: #8250df;
  --jp-mirror-editor-qualifier-color: #57606a;
  --jp-mirror-editor-builtin-color: #116329;
  --jp-mirror-editor-bracket-color: #57606a;
  --jp-mirror-editor-tag-color: #116329;
  --jp-mirror-editor-attribute-color: #0550ae;
  --jp-mirror-editor-header-color: #0550ae;
  --jp-mirror-editor-quote-color: #116329;
  --jp-mirror-editor-link-color: #0550ae;
  --jp-mirror-editor-error-color: #a40e26;
  --jp-mirror-editor-hr-color: #57606a;
  --jp-content-link-color: #0550ae;
}
body .jp-InputPrompt, body .jp-OutputPrompt { color: #57606a !important; opacity: 1 !important; }
body .highlight .c, body .highlight .c1, body .highlight .cm, body .highlight .cp, body .highlight .cs,
body .highlight .ch, body .highlight .cpf { color: #57606a; }
body .highlight .o, body .highlight .ow { color: #8250df; }
body .highlight .k, body .highlight .kn, body .highlight .kc, body .highlight .kd,
body .highlight .kp, body .highlight .kr, body .highlight .nb, body .highlight .bp,
body .highlight .mi, body .highlight .mf, body .highlight .m { color: #116329; }
body .highlight .s, body .highlight .s1, body .highlight .s2, body .highlight .sa, body .highlight .sb,
body .highlight .sd, body .highlight .se, body .highlight .si, body .highlight .sx, body .highlight .sh,
body .highlight .sc, body .highlight .dl { color: #a40e26; }
body .highlight .nf, body .highlight .nc, body .highlight .nn, body .highlight .nd, body .highlight .na,
body .highlight .p { color: #0550ae; }
body .highlight .err { color: #a40e26; border: none; }
body .jp-RenderedHTMLCommon a { color: #0550ae; }
"""
