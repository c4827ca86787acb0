// syntax
