cp exe e2; ls -l e2 | cut -c1-10; cp -p ro r2; ls -l r2 | cut -c1-10; cp ro r3; ls -l r3 | cut -c1-10
