// Whether an email address belongs to the club's staff.
exports = function (email) {
  const address = String(email || "").toLowerCase();
  return address.endsWith("@staff.example.org");
};
