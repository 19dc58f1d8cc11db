/* Holds a file open without sharing it, as Acrobat, WPS and Excel hold
 * what they show: `hold.exe FILE` opens FILE with share mode 0, prints
 * "held", and keeps it until a line arrives on standard input.
 *
 *   x86_64-w64-mingw32-gcc -municode -O2 -o hold.exe tests/windows/hold.c
 */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: hold.exe FILE\n");
        return 2;
    }
    HANDLE file = CreateFileW(argv[1], GENERIC_READ, 0, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    getchar();
    CloseHandle(file);
    return 0;
}
