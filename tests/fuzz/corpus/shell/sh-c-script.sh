sh -c 'echo $0 $1 $#' zero one; ./exe arg; sh exe x; printf 'echo piped\n' | sh
