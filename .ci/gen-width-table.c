// Generates the tables of Sources/AugustUI/WidthTable.swift from glibc's wcwidth (C.UTF-8), the
// function ncursesw measures with: runs of width 0 and width 2 from U+00A0 up (below that the
// grid knows the answer). Run: gcc Tools/gen-width-table.c -o /tmp/gw && /tmp/gw, then paste the
// ranges into WidthTable.swift. GridTests.widthsAgreeWithTheCLibrary checks the result.
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <wchar.h>
#include <locale.h>
int main(void){
  setlocale(LC_ALL,"C.UTF-8");
  for (int want = 0; want <= 2; want += 2) {
    printf("// width %d\n", want);
    long start=-1;
    for (long c=0xA0;c<=0x10FFFF+1;c++){
      int w = (c<=0x10FFFF && !(c>=0xD800&&c<=0xDFFF)) ? wcwidth((wchar_t)c) : -9;
      int in = (w==want);
      if (in && start<0) start=c;
      if (!in && start>=0){ printf("    (0x%04lX, 0x%04lX),\n", start, c-1); start=-1; }
    }
  }
  return 0;
}
