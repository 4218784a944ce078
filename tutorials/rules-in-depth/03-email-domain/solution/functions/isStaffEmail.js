exports = function (email) {
  return typeof email === "string" && email.toLowerCase().endsWith("@staff.example.org");
};
