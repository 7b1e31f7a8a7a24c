#!/bin/sh
# Print which system tools the spreadsheet/render checks need are present.
# Exit status 0 always; pass --strict to exit 1 when any is missing. Used by .ci/run.
missing=0
for tool in soffice pdftoppm pdfinfo xmllint chromium; do
  if p=$(command -v "$tool" 2>/dev/null); then
    printf '%-9s present  %s\n' "$tool" "$p"
  else
    printf '%-9s MISSING\n' "$tool"
    missing=$((missing + 1))
  fi
done
# CJK font for rendering Chinese in LibreOffice PDFs (informational only).
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  printf '%-9s present  %s\n' "cjk-font" "$(fc-list :lang=zh family | head -n 1)"
else
  printf '%-9s MISSING (Chinese renders as boxes in PDFs)\n' "cjk-font"
fi
if [ "$missing" -gt 0 ]; then
  echo "($missing missing: apt-get install -y --no-install-recommends libreoffice-calc poppler-utils libxml2-utils chromium fonts-wqy-zenhei)"
  [ "$1" = "--strict" ] && exit 1
fi
exit 0
