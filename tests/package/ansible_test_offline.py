"""ansible-test, its sanity tests' virtual environments made from this system's packages.

ansible-test runs seven sanity tests (ansible-doc, import, pep8, pylint, runtime-metadata,
validate-modules, yamllint) in virtual environments into which it pip-installs pinned
requirements from PyPI. Offline, this runs ansible-test unchanged except that those environments
see the system's site packages (Debian's pylint, pycodestyle, yamllint, python3-voluptuous,
python3-yaml, python3-jinja2) and nothing is pip-installed.

    /usr/bin/python3 ansible_test_offline.py sanity --local --python 3.11 ...
"""

import ansible_test._internal.commands.sanity as sanity
from ansible_test._internal import main

_create_virtual_environment = sanity.create_virtual_environment


def _with_system_site_packages(args, python, path, system_site_packages=False, pip=False):
    del system_site_packages  # always on: the requirements come from the system
    return _create_virtual_environment(args, python, path, True, pip)


sanity.create_virtual_environment = _with_system_site_packages
sanity.run_pip = lambda *args, **kwargs: None

if __name__ == "__main__":
    main()
