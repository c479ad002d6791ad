#include <sys/ioctl.h>
#include <termios.h>

/* The width of the terminal on fd in columns, or 0 when it is not known
   (ioctl is variadic, which Swift cannot call). */
static inline int cahier_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0) return size.ws_col;
    return 0;
}
