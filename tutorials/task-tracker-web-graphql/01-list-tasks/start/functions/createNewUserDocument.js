// Runs from the onNewUser trigger, as the system user, whenever an email/password
// account gets its user object. It stores the user's profile in tracker.users, which
// the app also reads as custom user data (matched on user_id).
exports = async function createNewUserDocument({ user }) {
  const users = context.services.get("mongodb-atlas").db("tracker").collection("users");
  return await users.insertOne({
    _partition: "My Project",
    user_id: user.id,
    name: user.data.email,
  });
};
