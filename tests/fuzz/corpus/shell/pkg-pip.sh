pip install --no-cache-dir flask
pip freeze
pip uninstall -y flask
