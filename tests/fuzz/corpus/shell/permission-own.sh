echo mine > appdir/new; cat appdir/new; chmod 600 appdir/new; rm appdir/new; ls appdir
