# `cpack -G DEB` in the build folder: unlocked_<version>_<arch>.deb, installed under /usr.
# The paths the binaries look in (grader/Paths.cpp) are relative to /usr/bin, so the same
# install rules serve `cmake --install` into any prefix.
set(CPACK_PACKAGE_NAME unlocked)
set(CPACK_PACKAGE_VENDOR "Unlocked")
set(CPACK_PACKAGE_CONTACT "Unlocked maintainers <unlocked@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "A desktop course on Python's GIL and how to get past it: lessons, quizzes and tasks whose "
    "solutions run in a bubblewrap sandbox and are graded for correctness and measured speedup. "
    "Includes unlocked-cli, the same grader for instructors and CI.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/unlocked")
# Libraries the binaries link come from dpkg-shlibdeps; what is loaded or run instead of linked
# is listed: the sandbox, the learner's Python with NumPy and Cython (which builds with gcc
# against Python's headers), and Qt's SQLite driver, a plugin.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "bubblewrap, python3 (>= 3.11), python3-numpy, cython3, python3-dev, gcc, libqt6sql6-sqlite")
include(CPack)
